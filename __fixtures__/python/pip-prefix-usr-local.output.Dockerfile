# why: pip install --prefix=/install puts flask in /install/lib/python3.13/site-packages, which the COPY brings to /usr/local/lib/python3.13/site-packages; Debian's python3.13 on distroless searches dist-packages, not that directory, so PYTHONPATH names it (as when the builder's /usr/local is copied whole)
FROM python:3.13-slim-trixie AS build
WORKDIR /src
COPY requirements.txt .
RUN pip install --no-cache-dir --prefix=/install -r requirements.txt

FROM gcr.io/distroless/python3-debian13
COPY --from=build /install /usr/local/
COPY . /app
WORKDIR /app
ENV PYTHONPATH=/usr/local/lib/python3.13/site-packages
CMD ["-m", "flask", "--app", "web", "run", "--host=0.0.0.0"]
