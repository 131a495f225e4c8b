# why: on 2026-09-01 (the injected clock) DHI's Python 3.10 is still before its end of life (2026-10-31): it is the target
FROM python:3.10-slim AS build
RUN python -m venv /venv && /venv/bin/pip install requests
COPY main.py /app/main.py

FROM dhi.io/python:3.10-debian13
USER 0
COPY --from=build /venv /venv
COPY --from=build /app /app
ENV PYTHONPATH=/venv/lib/python3.10/site-packages
CMD ["python3", "/app/main.py"]
