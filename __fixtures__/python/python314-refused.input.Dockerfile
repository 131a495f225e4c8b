# why: Python 3.14 is newer than the only CPython distroless ships (3.13): packages installed for 3.14 will not load; refuse, saying to build and run on 3.13
FROM python:3.14-slim AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM python:3.14-slim
COPY --from=build /venv /venv
COPY . /app
WORKDIR /app
CMD ["/venv/bin/python", "-m", "service"]
