# why: already on DHI's static image: unchanged under --family chainguard
FROM golang:1.24 AS build
RUN CGO_ENABLED=0 go build -o /app .

FROM dhi.io/static:20250419-debian13
COPY --from=build /app /app
ENTRYPOINT ["/app"]
