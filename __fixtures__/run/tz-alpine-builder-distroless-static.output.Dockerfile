# why: the old base debian:bookworm-slim ships tzdata and the stage sets TZ, but the builder is golang:*-alpine, which has no /usr/share/zoneinfo, and no other stage has it: scratch would run in UTC, so the static target becomes distroless static (it ships tzdata and the CA bundle) and the reason says why
FROM golang:1.24-alpine AS build
RUN apk add --no-cache git
WORKDIR /src
COPY . .
RUN go build -trimpath -o /out/scheduler ./cmd/scheduler

FROM gcr.io/distroless/static-debian13
COPY --from=build /out/scheduler /usr/local/bin/scheduler
ENV TZ=America/New_York
ENTRYPOINT ["/usr/local/bin/scheduler"]
