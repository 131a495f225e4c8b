# why: Go older than 1.20 on alpine links net and os/user against musl unless CGO_ENABLED=0, even with no C compiler installed: the binary is dynamic musl, refuse (the builder's FROM line names the version)
FROM golang:1.19-alpine AS build
RUN apk add --no-cache git
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /out/notifier ./cmd/notifier

FROM alpine:3.17
RUN apk add --no-cache ca-certificates
COPY --from=build /out/notifier /usr/local/bin/notifier
ENTRYPOINT ["/usr/local/bin/notifier"]
