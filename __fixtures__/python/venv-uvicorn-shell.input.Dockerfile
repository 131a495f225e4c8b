# why: shell-form "uvicorn ..." found through PATH (/opt/venv/bin) runs as "-m uvicorn" on the image's interpreter, split as sh would split it; PYTHONPATH takes the venv path as copied (/opt/venv)
FROM python:3.13-slim AS build
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM python:3.13-slim
COPY --from=build /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
WORKDIR /code
COPY ./app ./app
CMD uvicorn app.main:app --host 0.0.0.0 --port 80
