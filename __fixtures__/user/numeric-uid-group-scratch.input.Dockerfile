# why: USER 65534 on alpine runs with the group /etc/passwd gives it (65534); scratch has no passwd, so Docker would use gid 0: the group is written out. CGO_ENABLED=0 comes from an ARG default in the build stage
ARG GO_VERSION=1.24
FROM golang:${GO_VERSION} AS build
ARG CGO_ENABLED=0
ARG TARGETOS=linux
ARG TARGETARCH=amd64
WORKDIR /src
COPY . .
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/worker ./cmd/worker

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=build /out/worker /worker
USER 65534
ENTRYPOINT ["/worker"]
CMD ["--queue", "default"]
