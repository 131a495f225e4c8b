# why: uwsgi is a compiled server program, not a Python console script, so it has no "-m" form on the image's interpreter: refuse naming it
FROM python:3.13-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends build-essential
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir uwsgi flask

FROM python:3.13-slim
COPY --from=build /venv /venv
COPY . /app
WORKDIR /app
EXPOSE 9090
CMD ["/venv/bin/uwsgi", "--http", ":9090", "--wsgi-file", "app.py"]
