# why: uv sync makes the project venv at <WORKDIR>/.venv (/app/.venv), copied with /app: PYTHONPATH names /app/.venv/lib/python3.13/site-packages and the fastapi console script runs as "-m fastapi"
FROM python:3.13-slim-trixie AS build
COPY --from=ghcr.io/astral-sh/uv:0.8.22 /uv /uvx /bin/
WORKDIR /app
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project
COPY . .
RUN uv sync --locked --no-dev

FROM gcr.io/distroless/python3-debian13
WORKDIR /app
COPY --from=build /app /app
ENV PATH="/app/.venv/bin:$PATH"
EXPOSE 8000
ENV PYTHONPATH=/app/.venv/lib/python3.13/site-packages
CMD ["-m", "fastapi", "run", "src/app/main.py", "--port", "8000"]
