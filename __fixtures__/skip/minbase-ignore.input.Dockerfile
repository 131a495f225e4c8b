# minbase: ignore
# why: the file opts out with a "# minbase: ignore" comment although it would otherwise be a plain rewrite to scratch
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
