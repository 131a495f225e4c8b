# why: Chainguard's free python is 3.14 only; the app runs on 3.12: refused naming both versions, and DHI, which has 3.12
FROM python:3.12-slim AS build
RUN python -m venv /venv

FROM python:3.12-slim
COPY --from=build /venv /venv
CMD ["/venv/bin/python", "-m", "app"]
