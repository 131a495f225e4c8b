# why: "wget --no-verbose --tries=1 --spider URL" is the most common wget probe: one attempt, no output; it becomes the same probe in python3 (redirects followed, a status of 400 or more fails) (the runtime stage is on the full image, which has wget: on a -slim image the old check could never pass, and minbase refuses it)
FROM python:3.13-slim-trixie AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM python:3.13-trixie
COPY --from=build /venv /venv
COPY app /app
WORKDIR /app
HEALTHCHECK --interval=10s CMD wget --no-verbose --tries=1 --spider http://localhost:8000/ || exit 1
CMD ["/venv/bin/python", "-m", "app"]
