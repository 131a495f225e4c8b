# why: the HEALTHCHECK runs the venv's python, a link to the builder's /usr/local/bin/python that distroless lacks: like the command, the check runs the image's /usr/bin/python3.13, which finds the venv's packages through PYTHONPATH (review 6: the container was never healthy)
FROM python:3.13-slim AS build
RUN python -m venv /opt/venv
COPY requirements.txt .
RUN /opt/venv/bin/pip install -r requirements.txt

FROM gcr.io/distroless/python3-debian13
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY app.py healthcheck.py ./
HEALTHCHECK --interval=10s CMD ["/usr/bin/python3.13", "healthcheck.py"]
ENV PYTHONPATH=/opt/venv/lib/python3.13/site-packages
CMD ["app.py"]
