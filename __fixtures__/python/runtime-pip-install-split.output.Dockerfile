# why: the runtime stage pip-installs wheels into the image's own site-packages: split (RULES §6): the stage stays as build-2, and the python3 stage copies /app and /usr/local/lib/python3.13/site-packages, reached through PYTHONPATH (Debian's python does not search /usr/local/lib/python3.13/site-packages)
FROM python:3.13-slim AS build
WORKDIR /wheels
COPY requirements.txt .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

FROM python:3.13-slim AS build-2
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels
WORKDIR /app
COPY . .
CMD ["python", "main.py"]

FROM gcr.io/distroless/python3-debian13
WORKDIR /app
COPY --from=build-2 /app /app
COPY --from=build-2 /usr/local/lib/python3.13/site-packages /usr/local/lib/python3.13/site-packages
ENV PYTHONPATH=/usr/local/lib/python3.13/site-packages
CMD ["main.py"]
