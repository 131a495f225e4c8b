# why: requirements.txt (build context) pins psycopg2, not psycopg2-binary; on the full python:3.13 image pip builds it from source against the image's libpq (libpq-dev is there), so the module loads libpq.so.5 at run time, which distroless python3 does not ship: refuse naming libpq
FROM python:3.13 AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM python:3.13
COPY --from=build /venv /venv
WORKDIR /app
COPY . .
ENV PATH="/venv/bin:$PATH"
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2", "shop.wsgi:application"]
