# why: pip install --user as a created user writes that user's ~/.local: its site-packages is named by PYTHONPATH
FROM python:3.13-slim
RUN useradd -m -u 1000 app
USER app
WORKDIR /home/app
ENV PATH=/home/app/.local/bin:$PATH
COPY --chown=app:app requirements.txt .
RUN pip install --user --no-cache-dir -r requirements.txt
COPY --chown=app:app . .
EXPOSE 8080
CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8080"]
