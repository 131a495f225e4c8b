# why: WORKDIR would make /var/lib/store as root before the COPY, and COPY does not re-own a directory that exists: the COPY --chown of the data directory comes first and creates it as 10001, then WORKDIR (fsutil copy keeps an existing top directory's owner)
FROM golang:1.25 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/store ./cmd/store

FROM debian:trixie-slim
RUN mkdir -p /var/lib/store && chown 10001:10001 /var/lib/store
COPY --from=build /out/store /usr/local/bin/store
USER 10001:10001
VOLUME /var/lib/store
WORKDIR /var/lib/store
ENTRYPOINT ["/usr/local/bin/store", "--data", "/var/lib/store"]
