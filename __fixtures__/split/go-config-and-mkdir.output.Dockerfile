# why: a Go binary with a config file from the context and a directory made in the same RUN as the package install: both are copied beside the binary
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/router ./cmd/router

FROM debian:bookworm-slim AS build-2
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/cache/router
COPY --from=build /out/router /usr/local/bin/router
COPY deploy/router.yaml /etc/router/router.yaml
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/router", "--config", "/etc/router/router.yaml"]

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build-2 /usr/local/bin/router /usr/local/bin/router
COPY --from=build-2 /etc/router/router.yaml /etc/router/router.yaml
COPY --from=build-2 /var/cache/router /var/cache/router
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/router", "--config", "/etc/router/router.yaml"]
