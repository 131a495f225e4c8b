# why: a relative program path (./server) stays as written; WORKDIR /app resolves it the same way in exec form
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o server ./cmd/server

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
WORKDIR /app
COPY --from=build /src/server ./server
COPY config.yaml ./
ENTRYPOINT ["./server"]
CMD ["-config", "config.yaml"]
