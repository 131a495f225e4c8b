# syntax=docker/dockerfile:1
# why: a COPY heredoc in the runtime stage writes a file at build time without running anything (no shell needed), so it stays byte for byte, body included, on scratch
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -trimpath -o /out/gateway ./cmd/gateway

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/gateway /usr/local/bin/gateway
COPY <<EOT /etc/app.conf
listen = ":8080"
upstream = "http://orders:8080"
timeout = "15s"
EOT
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/gateway", "--config", "/etc/app.conf"]
