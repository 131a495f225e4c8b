# why: on python3 a plain "wget -q --spider URL" becomes the same probe in python3: urllib follows redirects as wget does, an HTTP error status or a connection error fails (the runtime stage is on the full image, which has wget: on a -slim image the old check could never pass, and minbase refuses it)
FROM python:3.13-slim-trixie AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM python:3.13-trixie
COPY --from=build /venv /venv
COPY app /app
WORKDIR /app
HEALTHCHECK CMD ["wget", "-q", "--spider", "http://127.0.0.1:8000/health"]
CMD ["/venv/bin/python", "-m", "app"]
