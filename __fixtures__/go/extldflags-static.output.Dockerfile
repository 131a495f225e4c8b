# why: cgo is on (Debian golang) but the link is -extldflags "-static", so the binary is static: scratch
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -ldflags '-linkmode external -extldflags "-static"' -o /out/resizer ./cmd/resizer

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/resizer /usr/local/bin/resizer
ENTRYPOINT ["/usr/local/bin/resizer"]
