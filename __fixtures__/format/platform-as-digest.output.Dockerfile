# syntax=docker/dockerfile:1
# why: the runtime FROM keeps --platform and its AS name, only the image reference changes; its digest is dropped (the builder's digest stays, build stages are not edited)
FROM --platform=$BUILDPLATFORM golang:1.24-alpine@sha256:09fac971b1dfdebd23774ffe9b54636546516e4cfdc118f516e1120cf9a31fa7 AS build
ARG TARGETOS
ARG TARGETARCH
WORKDIR /src
COPY . .
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app

FROM --platform=$TARGETPLATFORM scratch AS runtime
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
