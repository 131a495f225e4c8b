# why: the binary comes from --from=0 (a stage index, the builder has no name); the inserted CA copy uses the same --from value
FROM golang:1.24-alpine
WORKDIR /go/src/app
COPY . .
RUN go build -o /go/bin/app .

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=0 /go/bin/app /app
CMD ["/app"]
