# why: Chainguard's free python is Python 3.14 (3.14.7 as of 2026-08-22), the app's version: its ENTRYPOINT is /usr/bin/python, so the venv's python is dropped from CMD and PYTHONPATH finds the packages; it runs as nonroot, so USER 0 keeps root
FROM python:3.14-slim AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install -r requirements.txt

FROM python:3.14-slim
COPY --from=build /venv /venv
COPY app.py /app/app.py
WORKDIR /app
CMD ["/venv/bin/python", "app.py"]
