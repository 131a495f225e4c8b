FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM alpine:3.24 AS debug
WORKDIR /
COPY --from=build --chown=65532:65532 /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]

FROM gcr.io/distroless/static-debian13:nonroot AS production
WORKDIR /
COPY --from=build --chown=nonroot:nonroot /out/app /app
USER nonroot
ENTRYPOINT ["/app"]
