# why: the only stage builds the binary with the toolchain and runs it: split (RULES §6): the golang stage stays as build, cgo is on by default on golang:1.24 (Debian), so distroless base; WORKDIR /src is kept, the source tree COPY . . is the build's input and is not copied
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/app ./cmd/app
EXPOSE 8080
CMD ["app"]

FROM gcr.io/distroless/base-debian13
WORKDIR /src
COPY --from=build /usr/local/bin/app /usr/local/bin/app
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/app"]
