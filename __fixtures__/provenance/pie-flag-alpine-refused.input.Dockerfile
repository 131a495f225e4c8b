# why: on an alpine builder, -buildmode=pie (even with CGO_ENABLED=0 and no C compiler) makes a binary that needs musl's dynamic loader, which no minimal image has: refuse, naming the build line
FROM golang:1.24-alpine AS build
RUN apk add --no-cache git
ENV CGO_ENABLED=0
WORKDIR /src
COPY . .
RUN go build -buildmode=pie -trimpath -o /out/gateway ./cmd/gateway

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=build /out/gateway /usr/local/bin/gateway
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/gateway"]
