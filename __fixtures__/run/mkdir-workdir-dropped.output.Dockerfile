# why: mkdir -p of a directory that WORKDIR creates does nothing the target needs
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
WORKDIR /srv/app
COPY --from=build /out/app ./app
ENTRYPOINT ["./app"]
