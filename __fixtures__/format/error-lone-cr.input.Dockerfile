# why: a lone carriage return (old Mac line ending) is a line break for some parsers and not for Docker
FROM golang:1.24 AS buildRUN CGO_ENABLED=0 go build -o /app .
FROM alpine:3.20
COPY --from=build /app /app
CMD ["/app"]
