# why: the golang alpine builder installs only git (no C compiler), so cgo is off and the go install'ed binary is static
FROM golang:1.24-alpine AS build
RUN apk add --no-cache git
WORKDIR /src
COPY . .
RUN go install ./cmd/relay

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /go/bin/relay /usr/local/bin/relay
EXPOSE 7000
ENTRYPOINT ["/usr/local/bin/relay"]
