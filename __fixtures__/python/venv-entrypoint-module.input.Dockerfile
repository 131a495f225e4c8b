# why: the stage's own ENTRYPOINT runs the venv's python with -m: it becomes the image's interpreter by absolute path (/usr/bin/python3.13) with the same words; PYTHONPATH goes right before the first command line (the ENTRYPOINT) and CMD keeps its arguments
FROM python:3.13-slim AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM python:3.13-slim
COPY --from=build /venv /venv
WORKDIR /app
COPY . .
ENTRYPOINT ["/venv/bin/python", "-m", "worker"]
CMD ["--queue", "default"]
