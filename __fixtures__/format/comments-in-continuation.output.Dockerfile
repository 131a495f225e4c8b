# why: comment lines inside continuations: the build stage's RUN stays byte-identical; the runtime RUN is removed whole with its inner comment, the comment above it stays
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build \
    # strip symbols and DWARF
    -ldflags="-s -w" \
    # reproducible paths
    -trimpath \
    -o /out/app ./cmd/app

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
# TLS roots for outbound HTTPS
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
