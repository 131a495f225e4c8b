# why: the only stage installs the requirements into the image's site-packages and runs the app: split (RULES §6), the app directory and the site-packages are copied, PYTHONPATH names the latter
FROM python:3.13-slim AS build
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]

FROM gcr.io/distroless/python3-debian13
WORKDIR /app
COPY --from=build /app /app
COPY --from=build /usr/local/lib/python3.13/site-packages /usr/local/lib/python3.13/site-packages
ENV PYTHONPATH=/usr/local/lib/python3.13/site-packages
CMD ["app.py"]
