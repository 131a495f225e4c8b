# why: the stage already copies the CA bundle, to "/etc/ssl/certs" without a trailing slash: on alpine that is an existing directory, so the file went inside it, but on scratch the same line makes a file named /etc/ssl/certs; the kept COPY gets the directory destination /etc/ssl/certs/ and no second copy is inserted
FROM golang:1.24-alpine AS build
RUN apk add --no-cache ca-certificates git
WORKDIR /src
COPY . .
RUN go build -trimpath -o /out/notifier ./cmd/notifier

FROM alpine:3.20
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs
COPY --from=build /out/notifier /usr/local/bin/notifier
USER 10001
ENTRYPOINT ["/usr/local/bin/notifier"]
