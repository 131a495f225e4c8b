# why: shell-form words are split like sh does: double quotes with \" inside, and an empty '' argument; the JSON output escapes the quotes
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/greeter ./cmd/greeter

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/greeter /usr/local/bin/greeter
ENTRYPOINT ["/usr/local/bin/greeter"]
CMD ["--greeting", "hello \"world\"", "--suffix", ""]
