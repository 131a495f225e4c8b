# why: /usr/local/bin/start is copied from the Go build stage, but it is /src/scripts/start from the source tree (COPY . .), not the output of a go build there; the image execs it, and what it is (most likely a shell script) cannot be known: refuse naming it, never take it for the Go binary
FROM golang:1.24 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM debian:bookworm-slim
COPY --from=build /out/api /usr/local/bin/api
COPY --from=build /src/scripts/start /usr/local/bin/start
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/start"]
