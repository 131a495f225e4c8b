# why: the mirror of inline-cgo-first-runs-second: the same build line, but the image runs /usr/local/bin/migrate, built by the command that CGO_ENABLED=0 is inline on, so it is static: scratch with the CA bundle from the builder
FROM golang:1.25 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/migrate ./cmd/migrate && go build -o /out/server ./cmd/server

FROM debian:trixie-slim
COPY --from=build /out/migrate /usr/local/bin/migrate
ENTRYPOINT ["/usr/local/bin/migrate"]
CMD ["up"]
