# why: the runtime installs tzdata but the builder has no /usr/share/zoneinfo to copy onto scratch: refuse (install tzdata in the builder, or use --static-base distroless)
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/report ./cmd/report

FROM alpine:3.20
RUN apk add --no-cache tzdata
COPY --from=build /out/report /usr/local/bin/report
ENTRYPOINT ["/usr/local/bin/report"]
