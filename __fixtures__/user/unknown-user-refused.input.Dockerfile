# why: www-data exists in the old base image but not on the target
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM debian:bookworm-slim
COPY --from=build /out/app /usr/local/bin/app
USER www-data
ENTRYPOINT ["/usr/local/bin/app"]
