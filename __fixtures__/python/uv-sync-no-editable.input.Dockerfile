# why: "uv sync --no-editable" installs the project into /app/.venv's site-packages like any dependency, with no .pth: PYTHONPATH on that site-packages finds it, and the venv's python becomes the image's interpreter
FROM python:3.13-slim-trixie AS build
COPY --from=ghcr.io/astral-sh/uv:0.8.22 /uv /uvx /bin/
WORKDIR /app
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project
COPY src ./src
RUN uv sync --locked --no-dev --no-editable

FROM python:3.13-slim-trixie
COPY --from=build /app/.venv /app/.venv
ENV PATH="/app/.venv/bin:$PATH"
WORKDIR /app
CMD ["python", "-m", "billing.worker"]
