# why: with dropHealthcheck the HEALTHCHECK (two physical lines) is removed whole; the comment above it stays
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/status ./cmd/status

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/status /usr/local/bin/status
EXPOSE 8080
# liveness probe for plain docker runs
ENTRYPOINT ["/usr/local/bin/status"]
