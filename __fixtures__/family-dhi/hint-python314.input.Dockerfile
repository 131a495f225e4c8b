# why: distroless ships only CPython 3.13; DHI has 3.14 on Debian 13: the refusal names it. Chainguard's free python was 3.14 until 3.15 was due (2026-10-01), so on 2026-12-01 its version is not known and it is not named
FROM python:3.14-slim AS build
RUN python -m venv /venv

FROM python:3.14-slim
COPY --from=build /venv /venv
COPY main.py /main.py
CMD ["/venv/bin/python", "/main.py"]
