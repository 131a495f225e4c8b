# why: a runtime stage on a DHI -dev image (root, with a shell) moves to the same tag without -dev, as DHI's guides say; the dev image ran as root, so USER 0 keeps the user; a relative COPY after the absolute WORKDIR stays
FROM dhi.io/python:3.13-debian13-dev AS build
WORKDIR /app
RUN python -m venv /app/venv
COPY requirements.txt .
RUN /app/venv/bin/pip install -r requirements.txt

FROM dhi.io/python:3.13-debian13
USER 0
WORKDIR /app
COPY --from=build /app/venv /app/venv
COPY app.py .
ENV PYTHONPATH=/app/venv/lib/python3.13/site-packages
CMD ["python3", "app.py"]
