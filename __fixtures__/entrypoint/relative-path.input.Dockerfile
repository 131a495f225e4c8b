# why: a relative program path (./server) stays as written; WORKDIR /app resolves it the same way in exec form
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o server ./cmd/server

FROM alpine:3.20
WORKDIR /app
COPY --from=build /src/server ./server
COPY config.yaml ./
CMD ./server -config config.yaml
