# why: the binary comes from the build context (built outside Docker, e.g. by goreleaser), not from a build stage: no runtime can be told, "runtime not supported yet"
FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY dist/linux_amd64/cli /usr/local/bin/cli
ENTRYPOINT ["/usr/local/bin/cli"]
