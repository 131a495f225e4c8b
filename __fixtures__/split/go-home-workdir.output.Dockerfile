# why: adduser makes /home/notifier, owned by the user, and it is the WORKDIR: in place, WORKDIR would make it root's; the split copies it with its owner (65532 on scratch)
FROM golang:1.23-alpine AS builder
RUN apk add --no-cache git
WORKDIR /build
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -ldflags "-s -w -X main.version=1.4.2" -o notifier .

FROM alpine:3.20 AS build
RUN addgroup -S notifier && adduser -S -G notifier -h /home/notifier notifier
WORKDIR /home/notifier
COPY --from=builder --chown=notifier:notifier /build/notifier ./notifier
USER notifier
EXPOSE 9090
CMD ["./notifier", "serve"]

FROM scratch
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build --chown=65532:65532 /home/notifier /home/notifier
WORKDIR /home/notifier
USER 65532:65532
EXPOSE 9090
ENTRYPOINT ["./notifier"]
CMD ["serve"]
