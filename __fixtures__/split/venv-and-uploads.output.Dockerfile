# why: the venv comes from another stage (PYTHONPATH names it), the uploads directory keeps its numeric owner 1000, and USER 1000 keeps WORKDIR /srv absolute under :nonroot
FROM python:3.13-slim-trixie AS build
RUN python -m venv /opt/venv
COPY requirements.txt .
RUN /opt/venv/bin/pip install --no-cache-dir -r requirements.txt

FROM python:3.13-slim-trixie AS build-2
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv
COPY service/ ./service/
RUN mkdir -p /srv/uploads && chown 1000:1000 /srv/uploads
USER 1000
EXPOSE 8000
CMD ["/opt/venv/bin/python", "-m", "uvicorn", "service.main:app", "--host", "0.0.0.0", "--port", "8000"]

FROM gcr.io/distroless/python3-debian13:nonroot
WORKDIR /srv
COPY --from=build-2 /srv /srv
COPY --from=build-2 /opt/venv /opt/venv
COPY --from=build-2 --chown=1000:1000 /srv/uploads /srv/uploads
USER 1000
EXPOSE 8000
ENV PYTHONPATH=/opt/venv/lib/python3.13/site-packages
CMD ["-m", "uvicorn", "service.main:app", "--host", "0.0.0.0", "--port", "8000"]
