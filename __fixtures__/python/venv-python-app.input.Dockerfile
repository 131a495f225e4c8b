FROM python:3.13-slim AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM python:3.13-slim
COPY --from=build /venv /venv
COPY app /app
WORKDIR /app
CMD ["/venv/bin/python", "main.py"]
