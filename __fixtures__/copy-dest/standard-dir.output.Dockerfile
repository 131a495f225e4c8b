# why: /usr/local/bin is a directory in alpine, so the binary went inside it; on scratch the same line would create a file named bin
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/hello .

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/hello /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/hello"]
