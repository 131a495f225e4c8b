# why: distroless ships only CPython 3.13; DHI has 3.14 on Debian 13 and Chainguard's free python is 3.14: the refusal names both
FROM python:3.14-slim AS build
RUN python -m venv /venv

FROM python:3.14-slim
COPY --from=build /venv /venv
COPY main.py /main.py
CMD ["/venv/bin/python", "/main.py"]
