# why: the stage installs tzdata and sets TZ: /usr/share/zoneinfo is copied from it onto scratch
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/queue-worker ./cmd/worker

FROM alpine:3.20 AS build-2
RUN apk add --no-cache ca-certificates tzdata \
 && addgroup -S worker && adduser -S -G worker worker \
 && mkdir -p /var/lib/queue \
 && chown worker:worker /var/lib/queue
COPY --from=build /out/queue-worker /usr/local/bin/queue-worker
ENV TZ=America/Chicago
USER worker
VOLUME /var/lib/queue
ENTRYPOINT ["/usr/local/bin/queue-worker"]
CMD ["--spool", "/var/lib/queue"]

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build-2 /usr/local/bin/queue-worker /usr/local/bin/queue-worker
COPY --from=build-2 /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=build-2 --chown=65532:65532 /var/lib/queue /var/lib/queue
ENV TZ=America/Chicago
USER 65532:65532
VOLUME /var/lib/queue
ENTRYPOINT ["/usr/local/bin/queue-worker"]
CMD ["--spool", "/var/lib/queue"]
