# why: tini is installed by apk in the Go builder and copied to the runtime stage as the stage's own ENTRYPOINT wrapper; it is Alpine's tini, dynamically linked against musl, not the builder's Go output: it cannot run on scratch (the Go binary itself would be static), so refuse naming the COPY of tini
FROM golang:1.24-alpine AS build
RUN apk add --no-cache git tini
WORKDIR /src
COPY . .
RUN go build -trimpath -o /out/worker ./cmd/worker

FROM alpine:3.20
COPY --from=build /sbin/tini /sbin/tini
COPY --from=build /out/worker /usr/local/bin/worker
USER 10001
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["/usr/local/bin/worker"]
