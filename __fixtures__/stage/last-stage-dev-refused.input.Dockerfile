# why: the last stage is named dev, so it is not the production target: refuse and list the stages (build, prod, dev) for --stage
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM alpine:3.20 AS prod
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]

FROM golang:1.24-alpine AS dev
WORKDIR /src
COPY . .
CMD ["go", "run", "./cmd/app"]
