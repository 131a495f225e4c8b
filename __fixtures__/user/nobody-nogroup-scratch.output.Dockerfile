# why: USER nobody:nogroup on debian:bookworm-slim is 65534:65534; scratch has no /etc/passwd or /etc/group, so the names cannot resolve there: USER becomes the same numeric ids, 65534:65534 (not 65532, which is a different user)
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/dns-proxy ./cmd/dns-proxy

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/dns-proxy /usr/local/bin/dns-proxy
USER 65534:65534
EXPOSE 5353/udp
ENTRYPOINT ["/usr/local/bin/dns-proxy"]
