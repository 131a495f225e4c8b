# why: no newline at the end of the file: the last line (CMD) becomes ENTRYPOINT + CMD joined by one LF, still with no final newline
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
CMD ["--verbose"]