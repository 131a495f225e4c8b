# why: tags built from ARG defaults (golang:${GO_VERSION}-alpine${ALPINE_VERSION} is an alpine builder, so static); the runtime FROM alpine:${ALPINE_VERSION} becomes scratch, the ARG lines stay
ARG GO_VERSION=1.24
ARG ALPINE_VERSION=3.20
FROM golang:${GO_VERSION}-alpine${ALPINE_VERSION} AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM alpine:${ALPINE_VERSION}
RUN apk add --no-cache ca-certificates
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
