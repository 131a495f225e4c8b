# why: already on DHI's Python 3.10, past its end of life (2026-10-31) on 2026-12-01: unchanged (no family-to-family moves), with a note
FROM dhi.io/python:3.10-debian13-dev AS build
RUN python -m venv /venv

FROM dhi.io/python:3.10-debian13
COPY --from=build /venv /venv
CMD ["python3", "-m", "app"]
