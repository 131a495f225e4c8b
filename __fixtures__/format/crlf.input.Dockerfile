# why: CRLF line endings: the two-line RUN (backslash-CRLF continuation) goes whole, the inserted CA line and the ENTRYPOINT/CMD lines end in CRLF too
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/svc ./cmd/svc

FROM alpine:3.20
RUN apk add --no-cache \
    ca-certificates
COPY --from=build /out/svc /usr/local/bin/svc
CMD ["/usr/local/bin/svc", "--port", "8080"]
