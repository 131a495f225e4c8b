# why: the stage builds two binaries: the API server with cgo on (Debian golang, nothing disables it), then a CGO_ENABLED=0 health probe; the container runs the server, so the server's build decides: distroless base, not scratch (the probe's facts never transfer to the server)
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -trimpath -ldflags="-s -w" -o /out/api ./cmd/api
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/healthprobe ./cmd/healthprobe

FROM debian:bookworm-slim
COPY --from=build /out/api /usr/local/bin/api
COPY --from=build /out/healthprobe /usr/local/bin/healthprobe
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["/usr/local/bin/healthprobe", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/usr/local/bin/api"]
