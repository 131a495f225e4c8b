# syntax=docker/dockerfile:1
ARG GO_VERSION=1.24
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS builder
WORKDIR /app
COPY . .
RUN go build -o /out/api ./cmd/api

FROM alpine:3.24 AS debug
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=builder /out/api /usr/local/bin/api
USER 10001
ENTRYPOINT ["/usr/local/bin/api"]
CMD ["--listen", ":8080", "--log-format", "json lines"]

FROM scratch AS runtime
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=builder /out/api /usr/local/bin/api
USER 10001
ENTRYPOINT ["/usr/local/bin/api"]
CMD ["--listen", ":8080", "--log-format", "json lines"]
