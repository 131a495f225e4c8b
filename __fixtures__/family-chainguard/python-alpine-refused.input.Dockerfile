# why: Chainguard's images are glibc; packages built on Alpine link musl: refused, naming DHI's Alpine variant
FROM python:3.14-alpine3.23 AS build
RUN python -m venv /venv

FROM python:3.14-alpine3.23
COPY --from=build /venv /venv
CMD ["/venv/bin/python", "-m", "app"]
