# why: dhi.io/python:3.12-alpine3.22 keeps the old layout, its interpreter only at /opt/python/bin/python3; the stage's literal PATH finds /venv/bin/python first (a link to the builder's interpreter) and has no /opt/python/bin, so the command names /opt/python/bin/python3
FROM python:3.12-alpine3.21 AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install -r requirements.txt

FROM dhi.io/python:3.12-alpine3.22
USER 0
COPY --from=build /venv /venv
ENV PATH=/venv/bin:/usr/local/bin:/usr/bin:/bin
WORKDIR /srv
COPY app.py .
ENV PYTHONPATH=/venv/lib/python3.12/site-packages
CMD ["/opt/python/bin/python3", "app.py"]
