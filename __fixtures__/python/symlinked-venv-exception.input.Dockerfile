# why: the distroless example's pattern: the builder links /usr/bin/python before making the venv, so /venv/bin/python3 points at /usr/bin/python, which the target has; the ENTRYPOINT stays as written and no PYTHONPATH is added
FROM python:3.13-slim-trixie AS build-venv
RUN ln -s /usr/local/bin/python /usr/bin/python && \
    /usr/bin/python -m venv /venv
COPY requirements.txt /requirements.txt
RUN /venv/bin/pip install --disable-pip-version-check -r /requirements.txt

FROM python:3.13-slim-trixie
COPY --from=build-venv /venv /venv
COPY . /app
WORKDIR /app
ENTRYPOINT ["/venv/bin/python3", "psutil_example.py"]
