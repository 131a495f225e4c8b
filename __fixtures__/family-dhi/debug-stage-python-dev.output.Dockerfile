# why: --debug-stage on --family dhi: the debug stage runs on the -dev variant of the same DHI image (the same Python and C library, plus a shell)
FROM python:3.12-slim AS build
RUN python -m venv /venv

FROM dhi.io/python:3.12-debian13-dev AS debug
USER 0
COPY --from=build /venv /venv
ENV PYTHONPATH=/venv/lib/python3.12/site-packages
CMD ["python3", "-m", "app"]

FROM dhi.io/python:3.12-debian13 AS production
USER 0
COPY --from=build /venv /venv
ENV PYTHONPATH=/venv/lib/python3.12/site-packages
CMD ["python3", "-m", "app"]
