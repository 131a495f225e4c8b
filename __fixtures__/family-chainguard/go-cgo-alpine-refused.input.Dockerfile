# why: cgo on an Alpine builder links musl, and Chainguard's images are glibc: refused, naming DHI's static image with musl
FROM golang:1.24-alpine3.23 AS build
RUN apk add --no-cache build-base
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM alpine:3.23
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
