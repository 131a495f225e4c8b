# why: the stage bodies are indented by two spaces; inserted and replaced lines take the indentation of the neighbouring lines
FROM golang:1.24-alpine AS build
  WORKDIR /src
  COPY . .
  RUN go build -o /out/app ./cmd/app

FROM alpine:3.20
  RUN apk add --no-cache ca-certificates
  COPY --from=build /out/app /usr/local/bin/app
  CMD /usr/local/bin/app serve
