# why: the runtime installs tzdata but the Alpine builder has no /usr/share/zoneinfo to copy onto scratch: the static target becomes distroless static, which ships tzdata (RULES §4), and the RUN is dropped
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/report ./cmd/report

FROM gcr.io/distroless/static-debian13
COPY --from=build /out/report /usr/local/bin/report
ENTRYPOINT ["/usr/local/bin/report"]
