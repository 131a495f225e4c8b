# why: CGO_ENABLED=0 set by a multi-variable ENV in the build stage; docker.io/library/golang is the same image as golang
FROM docker.io/library/golang:1.24 AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOOS=linux
COPY . .
RUN go build -ldflags="-s -w" -o /out/worker ./cmd/worker

FROM ubuntu:24.04
COPY --from=build /out/worker /worker
ENTRYPOINT ["/worker"]
