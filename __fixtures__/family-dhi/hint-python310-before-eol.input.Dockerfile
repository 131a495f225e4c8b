# why: distroless has only Python 3.13; on 2026-09-01 DHI still has 3.10, so the refusal names it
FROM python:3.10-slim AS build
RUN python -m venv /venv && /venv/bin/pip install requests
COPY main.py /app/main.py

FROM python:3.10-slim
COPY --from=build /venv /venv
COPY --from=build /app /app
CMD ["/venv/bin/python", "/app/main.py"]
