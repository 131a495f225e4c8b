# why: ENTRYPOINT runs Alpine's tini (installed by apk in the builder) and CMD the Go program: the program is judged by its own build (static), and the refusal is about tini alone
FROM golang:1.23-alpine AS build
RUN apk add --no-cache tini
WORKDIR /src
COPY . .
RUN go build -o /bin/relay ./cmd/relay

FROM alpine:3.20
COPY --from=build /sbin/tini /sbin/tini
COPY --from=build /bin/relay /bin/relay
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["/bin/relay"]
