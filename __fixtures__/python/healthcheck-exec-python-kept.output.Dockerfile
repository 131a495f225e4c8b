# why: an exec-form HEALTHCHECK running python needs no shell, and python is on the target's PATH (/usr/bin/python links to python3.13); it uses only the standard library, so it stays as written
FROM python:3.13-slim AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM gcr.io/distroless/python3-debian13
COPY --from=build /venv /venv
WORKDIR /app
COPY . .
EXPOSE 8000
HEALTHCHECK --interval=30s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health', timeout=2)"]
ENV PYTHONPATH=/venv/lib/python3.13/site-packages
CMD ["app.py"]
