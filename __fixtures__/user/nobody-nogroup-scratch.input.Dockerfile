# why: USER nobody:nogroup on debian:bookworm-slim is 65534:65534; scratch has no /etc/passwd or /etc/group, so the names cannot resolve there: USER becomes the same numeric ids, 65534:65534 (not 65532, which is a different user)
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/dns-proxy ./cmd/dns-proxy

FROM debian:bookworm-slim
COPY --from=build /out/dns-proxy /usr/local/bin/dns-proxy
USER nobody:nogroup
EXPOSE 5353/udp
ENTRYPOINT ["/usr/local/bin/dns-proxy"]
