# why: www-data is Debian's 33:33 in python:3.13-slim; distroless lacks it, so its ids are written out like node's, keeping the owner of the app's files
FROM python:3.13-slim AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install -r requirements.txt

FROM python:3.13-slim
COPY --from=build /venv /venv
WORKDIR /var/www/app
COPY --chown=www-data:www-data . .
USER www-data
CMD ["/venv/bin/python", "-m", "gunicorn", "-b", "0.0.0.0:8000", "wsgi:app"]
