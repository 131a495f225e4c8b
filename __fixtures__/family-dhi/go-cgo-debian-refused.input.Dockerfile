# why: cgo on a Debian golang builder links glibc dynamically, and DHI has no image with glibc's libraries beyond libc6 (no base/cc): refused, naming the families that fit
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/server ./cmd/server

FROM debian:trixie-slim
COPY --from=build /out/server /server
ENTRYPOINT ["/server"]
