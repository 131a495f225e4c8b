# why: the old base debian:12-slim ships tzdata and the stage sets TZ, so the program reads /usr/share/zoneinfo; scratch has none, so the zoneinfo is copied from the Debian golang builder (which has tzdata), right after the CA COPY; without it the program would silently run in UTC
FROM golang:1.24 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/billing-cron ./cmd/billing-cron

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=build /out/billing-cron /usr/local/bin/billing-cron
ENV TZ=Europe/Paris
ENTRYPOINT ["/usr/local/bin/billing-cron"]
