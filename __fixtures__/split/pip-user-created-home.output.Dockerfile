# why: pip install --user as a created user writes that user's ~/.local: its site-packages is named by PYTHONPATH
FROM python:3.13-slim AS build
RUN useradd -m -u 1000 app
USER app
WORKDIR /home/app
ENV PATH=/home/app/.local/bin:$PATH
COPY --chown=app:app requirements.txt .
RUN pip install --user --no-cache-dir -r requirements.txt
COPY --chown=app:app . .
EXPOSE 8080
CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8080"]

FROM gcr.io/distroless/python3-debian13:nonroot
COPY --from=build --chown=nonroot:nonroot /home/app /home/app
COPY --from=build --chown=nonroot /home/app/.local /home/app/.local
WORKDIR /home/app
USER nonroot
ENV PATH=/home/app/.local/bin:$PATH
EXPOSE 8080
ENV PYTHONPATH=/home/app/.local/lib/python3.13/site-packages
CMD ["-m", "uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8080"]
