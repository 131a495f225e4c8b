# why: uv sync makes the project venv at <WORKDIR>/.venv (/app/.venv) and installs the project itself in editable mode (no --no-editable): a .pth file that PYTHONPATH does not read, so the rewrite is refused (RULES §4, revised 2026-12-01)
FROM python:3.13-slim-trixie AS build
COPY --from=ghcr.io/astral-sh/uv:0.8.22 /uv /uvx /bin/
WORKDIR /app
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project
COPY . .
RUN uv sync --locked --no-dev

FROM python:3.13-slim-trixie
WORKDIR /app
COPY --from=build /app /app
ENV PATH="/app/.venv/bin:$PATH"
EXPOSE 8000
CMD ["fastapi", "run", "src/app/main.py", "--port", "8000"]
