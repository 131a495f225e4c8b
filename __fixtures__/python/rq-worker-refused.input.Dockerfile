# why: "rq" is a console script whose shebang names the builder's venv python; the rq package has no __main__ module, so "python -m rq" cannot stand in for it on the image's interpreter: refuse naming the command
FROM python:3.13-slim-trixie AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM python:3.13-slim-trixie
COPY --from=build /venv /venv
WORKDIR /app
COPY . .
ENV PATH="/venv/bin:$PATH"
CMD ["rq", "worker", "--url", "redis://redis:6379/0", "high", "default"]
