# why: the wheelhouse /wheels only fed `pip install --no-index --find-links /wheels`: split (RULES §6) copies the app and the site-packages it installed into, not /wheels ("nothing that only the build needed")
FROM python:3.13-slim AS wheels
COPY requirements.txt /src/
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r /src/requirements.txt

FROM python:3.13-slim AS build
COPY --from=wheels /wheels /wheels
RUN pip install --no-cache-dir --no-index --find-links /wheels -r /wheels/requirements.txt
WORKDIR /app
COPY main.py ./
CMD ["python", "main.py"]

FROM gcr.io/distroless/python3-debian13
WORKDIR /app
COPY --from=build /app /app
COPY --from=build /usr/local/lib/python3.13/site-packages /usr/local/lib/python3.13/site-packages
ENV PYTHONPATH=/usr/local/lib/python3.13/site-packages
CMD ["main.py"]
