# why: mkdir -p of a directory that WORKDIR creates does nothing the target needs
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM alpine:3.20
RUN mkdir -p /srv/app
WORKDIR /srv/app
COPY --from=build /out/app ./app
ENTRYPOINT ["./app"]
