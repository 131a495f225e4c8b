# why: --debug-stage on --family dhi: the debug stage runs on the -dev variant of the same DHI image (the same Python and C library, plus a shell)
FROM python:3.12-slim AS build
RUN python -m venv /venv

FROM python:3.12-slim
COPY --from=build /venv /venv
CMD ["/venv/bin/python", "-m", "app"]
