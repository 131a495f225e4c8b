# why: unsuffixed distroless names (gcr.io/distroless/static = static-debian13) are current: unchanged, and CMD is not touched on an unchanged file
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static:nonroot
COPY --from=build /out/app /app
USER nonroot:nonroot
CMD ["/app"]
