# why: distroless python3 is glibc; the app is built on Alpine 3.22, and DHI has Python 3.13 on that Alpine: the refusal names it
FROM python:3.13-alpine3.22 AS build
RUN python -m venv /venv

FROM python:3.13-alpine3.22
COPY --from=build /venv /venv
CMD ["/venv/bin/python", "-m", "app"]
