# why: pip install --target=/deps in the single stage, and the stage's own PYTHONPATH=/deps: the split copies /deps (as well as the interpreter's site-packages) so the imports still resolve (review 7)
FROM python:3.13-slim-trixie AS build
ENV PYTHONPATH=/deps
WORKDIR /srv
COPY requirements.txt .
RUN pip install --no-cache-dir --target=/deps -r requirements.txt
COPY main.py .
CMD ["python", "main.py"]

FROM gcr.io/distroless/python3-debian13
WORKDIR /srv
COPY --from=build /srv /srv
COPY --from=build /usr/local/lib/python3.13/site-packages /usr/local/lib/python3.13/site-packages
COPY --from=build /deps /deps
ENV PYTHONPATH=/deps
ENV PYTHONPATH=${PYTHONPATH}:/usr/local/lib/python3.13/site-packages
CMD ["main.py"]
