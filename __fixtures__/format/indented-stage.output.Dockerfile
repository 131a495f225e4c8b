# why: the stage bodies are indented by two spaces; inserted and replaced lines take the indentation of the neighbouring lines
FROM golang:1.24-alpine AS build
  WORKDIR /src
  COPY . .
  RUN go build -o /out/app ./cmd/app

FROM scratch
  COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
  COPY --from=build /out/app /usr/local/bin/app
  ENTRYPOINT ["/usr/local/bin/app"]
  CMD ["serve"]
