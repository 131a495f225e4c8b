# why: "RUN mkdir -p DIR" makes an empty directory no WORKDIR creates; nothing can run it on the target
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/store ./cmd/store

FROM alpine:3.20
COPY --from=build /out/store /usr/local/bin/store
RUN mkdir -p /var/lib/store
ENTRYPOINT ["/usr/local/bin/store"]
CMD ["--data-dir", "/var/lib/store"]
