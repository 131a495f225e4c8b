# why: with dropHealthcheck the HEALTHCHECK (two physical lines) is removed whole; the comment above it stays
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/status ./cmd/status

FROM alpine:3.20
COPY --from=build /out/status /usr/local/bin/status
EXPOSE 8080
# liveness probe for plain docker runs
HEALTHCHECK --interval=30s --timeout=3s --retries=3 \
  CMD wget -qO- http://localhost:8080/healthz || exit 1
ENTRYPOINT ["/usr/local/bin/status"]
