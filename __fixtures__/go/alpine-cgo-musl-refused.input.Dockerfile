# why: build-base on the golang alpine builder turns cgo on: the binary links musl, which no glibc-based minimal image can run
FROM golang:1.24-alpine AS build
RUN apk add --no-cache build-base
WORKDIR /src
COPY . .
RUN go build -o /out/indexer ./cmd/indexer

FROM alpine:3.20
COPY --from=build /out/indexer /usr/local/bin/indexer
ENTRYPOINT ["/usr/local/bin/indexer"]
