# why: already on a DHI runtime image: unchanged under the default family (no family-to-family moves)
FROM dhi.io/python:3.13-debian13-dev AS build
RUN python -m venv /venv

FROM dhi.io/python:3.13-debian13
COPY --from=build /venv /venv
CMD ["python3", "-m", "app"]
