FROM golang:1.24 AS build
RUN CGO_ENABLED=0 go build -o /app .
FROM alpine:3.21 LABEL x=y
COPY --from=build /app /app
CMD ["/app"]
