# why: a FROM with no image cannot be parsed by Docker: error, the file is left as it is
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
