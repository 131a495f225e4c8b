# why: scratch has no CA bundle, so the copy is inserted right after FROM even though the old stage never installed ca-certificates
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /bin/webhook ./cmd/webhook

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
WORKDIR /srv
COPY --from=build /bin/webhook /srv/webhook
EXPOSE 8443
ENTRYPOINT ["/srv/webhook"]
