# why: Go 1.19 on alpine, but CGO_ENABLED=0 is inline on the build command: net and os/user use the pure-Go implementations, the binary is static: scratch
FROM golang:1.19-alpine AS build
RUN apk add --no-cache git
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/notifier ./cmd/notifier

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/notifier /usr/local/bin/notifier
ENTRYPOINT ["/usr/local/bin/notifier"]
