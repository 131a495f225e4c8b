# why: the adduser RUN goes; USER 10001 is numeric, needs no /etc/passwd, and stays as written on scratch
FROM golang:1.24 AS build
ENV CGO_ENABLED=0
WORKDIR /src
COPY . .
RUN go build -o /out/feed ./cmd/feed

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/feed /feed
USER 10001
ENTRYPOINT ["/feed"]
