# why: the catalog recorded cgr.dev/chainguard/python:latest as Python 3.14 on 2026-08-22; Python 3.15 was due on 2026-10-01 and the free :latest follows the newest major, so on 2026-12-01 minbase cannot tell that it is still 3.14: refused, naming the dates
FROM python:3.14-slim AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install -r requirements.txt

FROM python:3.14-slim
COPY --from=build /venv /venv
COPY app.py /app/app.py
WORKDIR /app
CMD ["/venv/bin/python", "app.py"]
