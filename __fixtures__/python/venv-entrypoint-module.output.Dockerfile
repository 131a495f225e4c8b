# why: the stage's own ENTRYPOINT runs the venv's python with -m: it becomes the image's interpreter by absolute path (/usr/bin/python3.13) with the same words; PYTHONPATH goes right before the first command line (the ENTRYPOINT) and CMD keeps its arguments
FROM python:3.13-slim AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM gcr.io/distroless/python3-debian13
COPY --from=build /venv /venv
WORKDIR /app
COPY . .
ENV PYTHONPATH=/venv/lib/python3.13/site-packages
ENTRYPOINT ["/usr/bin/python3.13", "-m", "worker"]
CMD ["--queue", "default"]
