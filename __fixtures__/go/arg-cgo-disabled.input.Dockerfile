# why: ARG CGO_ENABLED=0 declared inside the build stage is in the environment of its RUN, so the build is static
FROM golang:1.24-bookworm AS build
ARG CGO_ENABLED=0
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/notify ./cmd/notify

FROM debian:bookworm-slim
COPY --from=build /out/notify /usr/bin/notify
ENTRYPOINT ["/usr/bin/notify"]
