# why: chmod 777 opens the cache directory to every user (the program runs as nobody); a COPY into a new stage makes a copied directory itself 0755 (checked on BuildKit), so nobody could not write there: refused naming the chmod
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM debian:trixie-slim
RUN mkdir -p /var/cache/app && chmod 777 /var/cache/app
COPY --from=build /out/app /usr/local/bin/app
USER nobody
ENTRYPOINT ["/usr/local/bin/app"]
