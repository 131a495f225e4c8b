# why: option stage "production" rewrites that stage although it is not the last; the debug stage after it stays byte-identical
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM alpine:3.20 AS production
RUN apk add --no-cache ca-certificates
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]

FROM alpine:3.20 AS debug
RUN apk add --no-cache curl busybox-extras
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
