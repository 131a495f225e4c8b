# why: the venv is made by "python -m venv $VIRTUAL_ENV" with ENV VIRTUAL_ENV=/opt/venv, so it lives at /opt/venv, which the runtime copies; its bin/python links to the builder's /usr/local/bin/python3.13, so the module runs on the image's interpreter with PYTHONPATH on /opt/venv's site-packages (inserted right before CMD)
FROM python:3.13-slim-trixie AS build
ENV VIRTUAL_ENV=/opt/venv
RUN python -m venv $VIRTUAL_ENV
ENV PATH="$VIRTUAL_ENV/bin:$PATH"
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM python:3.13-slim-trixie
ENV VIRTUAL_ENV=/opt/venv
COPY --from=build /opt/venv /opt/venv
ENV PATH="$VIRTUAL_ENV/bin:$PATH"
WORKDIR /app
COPY . .
CMD ["python", "-m", "reports"]
