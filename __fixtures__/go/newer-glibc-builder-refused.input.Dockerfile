# why: a cgo binary built on Ubuntu 25.10 (glibc 2.42) needs a newer glibc than distroless Debian 13 has (2.41)
FROM ubuntu:25.10 AS build
RUN apt-get update && apt-get install -y golang-go
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM ubuntu:25.10
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
