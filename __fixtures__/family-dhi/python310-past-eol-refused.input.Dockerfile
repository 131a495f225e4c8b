# why: DHI's Python 3.10 reached its end of life on 2026-10-31; on 2026-12-01 (the injected clock) it counts as removed, and no other family has 3.10
FROM python:3.10-slim AS build
RUN python -m venv /venv && /venv/bin/pip install requests
COPY main.py /app/main.py

FROM python:3.10-slim
COPY --from=build /venv /venv
COPY --from=build /app /app
CMD ["/venv/bin/python", "/app/main.py"]
