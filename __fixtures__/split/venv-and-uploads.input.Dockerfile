# why: the venv comes from another stage (PYTHONPATH names it), the uploads directory keeps its numeric owner 1000, and USER 1000 keeps WORKDIR /srv absolute under :nonroot
FROM python:3.13-slim-trixie AS build
RUN python -m venv /opt/venv
COPY requirements.txt .
RUN /opt/venv/bin/pip install --no-cache-dir -r requirements.txt

FROM python:3.13-slim-trixie
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv
COPY service/ ./service/
RUN mkdir -p /srv/uploads && chown 1000:1000 /srv/uploads
USER 1000
EXPOSE 8000
CMD ["/opt/venv/bin/python", "-m", "uvicorn", "service.main:app", "--host", "0.0.0.0", "--port", "8000"]
