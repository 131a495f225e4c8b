# why: www-data is a user of the old base image (Debian: 33:33) that distroless lacks: like node (1000), its uid and gid are written out, so files and volumes stay owned as before; cgo is on (golang:1.24), so distroless base, with :nonroot for the non-root user and WORKDIR / kept
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM debian:bookworm-slim
COPY --from=build /out/app /usr/local/bin/app
USER www-data
ENTRYPOINT ["/usr/local/bin/app"]
