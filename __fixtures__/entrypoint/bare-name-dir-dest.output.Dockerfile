# why: shell-form CMD names the program bare; it was copied into the directory /usr/local/bin/, so the ENTRYPOINT is /usr/local/bin/mailer
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/mailer ./cmd/mailer

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/mailer /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/mailer"]
CMD ["--smtp-port", "2525"]
