# why: with staticBase distroless the target is static-debian13, which ships CA certificates and tzdata: the apk RUN just goes, no CA copy is inserted
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/billing-cron ./cmd/billing-cron

FROM alpine:3.20
RUN apk add --no-cache ca-certificates tzdata
COPY --from=build /out/billing-cron /billing-cron
ENTRYPOINT ["/billing-cron"]
