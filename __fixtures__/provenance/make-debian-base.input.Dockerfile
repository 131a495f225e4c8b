# why: the binary is written by "make build", not by a go build the file shows, so whether cgo is on cannot be traced; on a Debian golang builder the safer target exists (distroless base runs a static binary and a glibc-linked one alike), and the reason says the build could not be traced
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN make build VERSION=1.8.2

FROM debian:bookworm-slim
COPY --from=build /src/bin/gateway /usr/local/bin/gateway
EXPOSE 8443
ENTRYPOINT ["/usr/local/bin/gateway"]
CMD ["--config", "/etc/gateway/config.yaml"]
