# why: DHI never published Python 3.9, and no other family has it: refused
FROM python:3.9-slim AS build
RUN python -m venv /venv

FROM python:3.9-slim
COPY --from=build /venv /venv
CMD ["/venv/bin/python", "-m", "worker"]
