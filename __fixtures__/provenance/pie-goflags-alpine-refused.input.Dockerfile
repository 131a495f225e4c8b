# why: GOFLAGS=-buildmode=pie set by ENV on an alpine builder: CGO_ENABLED=0 does not make the binary static, it needs musl's loader: refuse, naming the ENV line
FROM golang:1.24-alpine AS build
ENV CGO_ENABLED=0 GOFLAGS=-buildmode=pie
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /out/queue ./cmd/queue

FROM alpine:3.20
COPY --from=build /out/queue /usr/local/bin/queue
USER 65534
ENTRYPOINT ["/usr/local/bin/queue"]
