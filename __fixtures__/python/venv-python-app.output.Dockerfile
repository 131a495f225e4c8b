FROM python:3.13-slim AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM gcr.io/distroless/python3-debian13
COPY --from=build /venv /venv
COPY app /app
WORKDIR /app
ENV PYTHONPATH=/venv/lib/python3.13/site-packages
CMD ["main.py"]
