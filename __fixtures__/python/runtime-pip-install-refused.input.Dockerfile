# why: the runtime stage pip-installs the wheels the builder made; nothing can run pip on the target, so the install must move to the builder (into a venv that is copied): refuse naming the line
FROM python:3.13-slim AS build
WORKDIR /wheels
COPY requirements.txt .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

FROM python:3.13-slim
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels
WORKDIR /app
COPY . .
CMD ["python", "main.py"]
