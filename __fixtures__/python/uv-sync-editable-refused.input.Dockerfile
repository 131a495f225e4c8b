# why: "uv sync" without --no-editable installs the project itself in editable mode: the venv finds the src-layout package billing only through a .pth file, which PYTHONPATH does not read, so "python -m billing.worker" would fail with ModuleNotFoundError on the image's interpreter: refuse naming the uv sync line (add --no-editable)
FROM python:3.13-slim-trixie AS build
COPY --from=ghcr.io/astral-sh/uv:0.8.22 /uv /uvx /bin/
WORKDIR /app
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project
COPY src ./src
RUN uv sync --locked --no-dev

FROM python:3.13-slim-trixie
COPY --from=build /app /app
ENV PATH="/app/.venv/bin:$PATH"
WORKDIR /app
CMD ["python", "-m", "billing.worker"]
