# why: POETRY_VIRTUALENVS_IN_PROJECT=true makes "poetry install" create the venv at <project>/.venv (/app/.venv), copied with /app; --no-root installs only the dependencies (no editable .pth for the project), so PYTHONPATH names /app/.venv/lib/python3.13/site-packages and the uvicorn console script runs as "-m uvicorn"
FROM python:3.13-slim-trixie AS build
ENV POETRY_VERSION=2.1.3 \
    POETRY_VIRTUALENVS_IN_PROJECT=true \
    POETRY_NO_INTERACTION=1
RUN pip install --no-cache-dir "poetry==${POETRY_VERSION}"
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN poetry install --only main --no-root
COPY api ./api

FROM gcr.io/distroless/python3-debian13
WORKDIR /app
COPY --from=build /app /app
ENV PATH="/app/.venv/bin:$PATH"
EXPOSE 8000
ENV PYTHONPATH=/app/.venv/lib/python3.13/site-packages
CMD ["-m", "uvicorn", "api.main:app", "--host", "0.0.0.0", "--port", "8000"]
