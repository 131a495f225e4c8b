# why: Python 3.13, but on Alpine: packages built against musl cannot load in the glibc-based distroless python3 image; refuse, saying to build on python:3.13-slim
FROM python:3.13-alpine AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM python:3.13-alpine
COPY --from=build /venv /venv
COPY . /app
WORKDIR /app
CMD ["/venv/bin/python", "app.py"]
