# why: CRLF line endings: the two-line RUN (backslash-CRLF continuation) goes whole, the inserted CA line and the ENTRYPOINT/CMD lines end in CRLF too
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/svc ./cmd/svc

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/svc /usr/local/bin/svc
ENTRYPOINT ["/usr/local/bin/svc"]
CMD ["--port", "8080"]
