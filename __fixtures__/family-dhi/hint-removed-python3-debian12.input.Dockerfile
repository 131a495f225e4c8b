# why: python3-debian12 (CPython 3.11) was removed and distroless has no 3.11 any more; DHI still has Python 3.11: the refusal names it
FROM python:3.11-slim-bookworm AS build
RUN python -m venv /venv

FROM gcr.io/distroless/python3-debian12
COPY --from=build /venv /venv
CMD ["-m", "app"]
