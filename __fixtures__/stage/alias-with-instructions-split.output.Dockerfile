# why: the runtime stage starts from a stage with its own instructions (ENV, WORKDIR): split (RULES §6): the chain stays as it is (the last stage gains AS build-2), and a new scratch stage on the chain's root image carries the inherited ENV and WORKDIR and copies the binary
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM alpine:3.20 AS base
ENV APP_ENV=production
WORKDIR /srv

FROM base AS build-2
COPY --from=build /out/app /srv/app
ENTRYPOINT ["/srv/app"]

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
WORKDIR /srv
COPY --from=build-2 /srv/app /srv/app
ENV APP_ENV=production
ENTRYPOINT ["/srv/app"]
