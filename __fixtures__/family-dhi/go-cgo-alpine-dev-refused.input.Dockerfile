# why: the Alpine builder installs sqlite-dev: the cgo binary may link libsqlite3, which DHI's static image with musl does not have
FROM golang:1.24-alpine AS build
RUN apk add --no-cache gcc musl-dev sqlite-dev
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o /out/app .

FROM alpine:3.22
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
