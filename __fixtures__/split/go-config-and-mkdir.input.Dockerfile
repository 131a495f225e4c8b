# why: a Go binary with a config file from the context and a directory made in the same RUN as the package install: both are copied beside the binary
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/router ./cmd/router

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/cache/router
COPY --from=build /out/router /usr/local/bin/router
COPY deploy/router.yaml /etc/router/router.yaml
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/router", "--config", "/etc/router/router.yaml"]
