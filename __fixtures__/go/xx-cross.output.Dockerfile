# syntax=docker/dockerfile:1
# why: cross build with tonistiigi/xx (xx-go build is a Go build); ENV CGO_ENABLED=0 makes it static; "apk --no-cache add" puts the flag before add
FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx

FROM --platform=$BUILDPLATFORM golang:1.24-alpine AS build
COPY --from=xx / /
ARG TARGETPLATFORM
ENV CGO_ENABLED=0
WORKDIR /src
COPY . .
RUN xx-go build -trimpath -o /out/proxy ./cmd/proxy && \
    xx-verify /out/proxy

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/proxy /usr/bin/proxy
ENTRYPOINT ["/usr/bin/proxy"]
