# why: the build RUN installs psycopg2 (not psycopg2-binary) on the full python:3.13 image, which compiles it from source against libpq; the extension needs libpq.so.5 at run time and distroless python3 has no libpq: refuse naming libpq
FROM python:3.13 AS build
WORKDIR /app
RUN python -m venv /venv
RUN /venv/bin/pip install --no-cache-dir flask==3.1.2 gunicorn==23.0.0 psycopg2==2.9.10

FROM python:3.13
COPY --from=build /venv /venv
WORKDIR /app
COPY app.py .
EXPOSE 5000
CMD ["/venv/bin/gunicorn", "--bind", "0.0.0.0:5000", "app:app"]
