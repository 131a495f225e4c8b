# why: already on a Chainguard image: unchanged under --family dhi
FROM cgr.dev/chainguard/python:latest-dev AS build
RUN python -m venv /venv

FROM cgr.dev/chainguard/python:latest
COPY --from=build /venv /venv
ENTRYPOINT ["/venv/bin/python", "-m", "app"]
