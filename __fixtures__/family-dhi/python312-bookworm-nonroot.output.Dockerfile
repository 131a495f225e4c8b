# why: with --nonroot the stage that ran as root runs as DHI's own nonroot user (65532), so no USER 0 is written; a bookworm builder (glibc 2.36) runs on DHI's Debian 13 (2.41); the venv's python becomes python3 with PYTHONPATH
FROM python:3.12-slim-bookworm AS build
RUN python -m venv /opt/venv
COPY requirements.txt .
RUN /opt/venv/bin/pip install -r requirements.txt
COPY src /app/src

FROM dhi.io/python:3.12-debian13
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app/src /app/src
WORKDIR /app/src
EXPOSE 8000
ENV PYTHONPATH=/opt/venv/lib/python3.12/site-packages
CMD ["python3", "-m", "service"]
