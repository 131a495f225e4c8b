# why: the seed's debug-target pattern: the last stage (production) is already scratch, so nothing changes; the alpine debug stage before it is not the runtime stage
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /bin/server ./cmd/server

FROM alpine:3.20 AS debug
COPY --from=build /bin/server /bin/server
ENTRYPOINT ["/bin/server"]

FROM scratch AS production
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /bin/server /bin/server
ENTRYPOINT ["/bin/server"]
