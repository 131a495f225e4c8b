# why: USER ${UID} is resolved by the stage's ARG default (10001), a numeric user that needs no /etc/passwd: on scratch the ARG line and USER ${UID} stay exactly as written
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/exporter ./cmd/exporter

FROM debian:bookworm-slim
ARG UID=10001
COPY --from=build /out/exporter /usr/local/bin/exporter
USER ${UID}
EXPOSE 9100
ENTRYPOINT ["/usr/local/bin/exporter"]
