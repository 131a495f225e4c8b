# why: the runtime stage starts from a stage with its own instructions; a new base would lose them
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM alpine:3.20 AS base
ENV APP_ENV=production
WORKDIR /srv

FROM base
COPY --from=build /out/app /srv/app
ENTRYPOINT ["/srv/app"]
