FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM alpine:3.20
RUN adduser -D app
COPY --from=build --chown=app:app /out/app /app
USER app
ENTRYPOINT ["/app"]
