# why: the stage adds a corporate CA to the system bundle; scratch would get the builder's bundle without it: refuse
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/inventory-sync ./cmd/sync

FROM debian:bookworm-slim
# Corporate proxy re-signs TLS; the sync job talks to internal APIs
COPY certs/corp-root-ca.crt /usr/local/share/ca-certificates/corp-root-ca.crt
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && update-ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/inventory-sync /usr/local/bin/inventory-sync
USER 10001:10001
CMD ["inventory-sync", "--interval", "5m"]
