# why: on an alpine builder the binary comes from "make release", which the file does not show: cgo, -buildmode=pie or an external link would make it need musl, and no minimal image has a musl loader, so there is no safer target: refuse naming the make line
FROM golang:1.24-alpine AS build
RUN apk add --no-cache git make
WORKDIR /src
COPY . .
RUN make release

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=build /src/dist/collector /usr/local/bin/collector
ENTRYPOINT ["/usr/local/bin/collector"]
