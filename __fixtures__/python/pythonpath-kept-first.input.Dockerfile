# why: the stage puts /app/src on PYTHONPATH, which the old venv python searched before the venv's site-packages; the image's python finds the venv through PYTHONPATH too, after /app/src, so imports resolve in the same order (review 6)
FROM python:3.13-slim AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install -r requirements.txt

FROM python:3.13-slim
COPY --from=build /venv /venv
COPY src /app/src
ENV PYTHONPATH=/app/src
WORKDIR /app
CMD ["/venv/bin/python", "-m", "service"]
