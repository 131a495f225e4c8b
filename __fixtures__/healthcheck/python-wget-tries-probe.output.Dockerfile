# why: "wget --no-verbose --tries=1 --spider URL" is the most common wget probe: one attempt, no output; it becomes the same probe in python3 (redirects followed, a status of 400 or more fails) (the runtime stage is on the full image, which has wget: on a -slim image the old check could never pass, and minbase refuses it)
FROM python:3.13-slim-trixie AS build
RUN python -m venv /venv
COPY requirements.txt .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM gcr.io/distroless/python3-debian13
COPY --from=build /venv /venv
COPY app /app
WORKDIR /app
HEALTHCHECK --interval=10s CMD ["/usr/bin/python3.13", "-c", "import sys,urllib.request as r,urllib.error as e\ntry: r.build_opener().open('http://localhost:8000/',timeout=30)\nexcept e.HTTPError as x: sys.exit(0 if x.code<400 else 1)\nexcept Exception: sys.exit(1)"]
ENV PYTHONPATH=/venv/lib/python3.13/site-packages
CMD ["-m", "app"]
