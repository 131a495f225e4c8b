# why: the builder's whole /usr/local is copied, and with it /usr/local/lib/python3.13/site-packages; Debian's python3.13 on the target searches dist-packages, not that directory, so PYTHONPATH names it (the builder's own interpreter copied along is not used: the image's entrypoint is /usr/bin/python3.13)
FROM python:3.13-slim AS build
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM gcr.io/distroless/python3-debian13
COPY --from=build /usr/local /usr/local
WORKDIR /app
COPY . .
ENV PYTHONPATH=/usr/local/lib/python3.13/site-packages
CMD ["app.py"]
