# why: base-debian12 is still published (end of life Sept 2026): unchanged, at most a note
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/base-debian12
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
