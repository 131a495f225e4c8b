# why: on 2026-09-01 (the injected clock) DHI's Python 3.10 is still before its end of life (2026-10-31): it is the target
FROM python:3.10-slim AS build
RUN python -m venv /venv && /venv/bin/pip install requests
COPY main.py /app/main.py

FROM python:3.10-slim
COPY --from=build /venv /venv
COPY --from=build /app /app
CMD ["/venv/bin/python", "/app/main.py"]
