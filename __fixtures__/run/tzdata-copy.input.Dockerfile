# why: one apk RUN installs ca-certificates and tzdata; the builder installs tzdata, so on scratch that RUN becomes the zoneinfo COPY (in its place) and the CA copy goes right after FROM
FROM golang:1.24-alpine AS build
RUN apk add --no-cache tzdata
WORKDIR /src
COPY . .
RUN go build -o /out/cron ./cmd/cron

FROM alpine:3.20
RUN apk add --no-cache ca-certificates tzdata
COPY --from=build /out/cron /usr/local/bin/cron
ENV TZ=Europe/Berlin
ENTRYPOINT ["/usr/local/bin/cron"]
