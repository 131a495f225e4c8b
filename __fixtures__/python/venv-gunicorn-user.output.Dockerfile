# why: /venv/bin/gunicorn's shebang names the builder's /venv/bin/python: it runs as "-m gunicorn" on the image's python3.13 with PYTHONPATH on the venv's site-packages (inserted right before CMD); ENV PATH stays; the created user becomes nonroot with the :nonroot tag
FROM python:3.13-slim-trixie AS build
WORKDIR /app
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM gcr.io/distroless/python3-debian13:nonroot
WORKDIR /app
COPY --from=build /venv /venv
COPY . .
ENV PATH="/venv/bin:$PATH"
USER nonroot
EXPOSE 8000
ENV PYTHONPATH=/venv/lib/python3.13/site-packages
CMD ["-m", "gunicorn", "--bind", "0.0.0.0:8000", "--workers", "3", "app.wsgi:application"]
