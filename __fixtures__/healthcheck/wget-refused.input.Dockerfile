# why: a shell-form HEALTHCHECK running wget cannot run on scratch (no shell, no wget)
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/status ./cmd/status

FROM alpine:3.20
COPY --from=build /out/status /usr/local/bin/status
EXPOSE 8080
HEALTHCHECK --interval=30s CMD wget -qO- http://localhost:8080/healthz || exit 1
ENTRYPOINT ["/usr/local/bin/status"]
