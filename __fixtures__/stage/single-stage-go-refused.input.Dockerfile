# why: one stage builds and runs the app (golang toolchain in production): refused until single-stage splitting exists, naming the build step
FROM golang:1.24
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/app ./cmd/app
EXPOSE 8080
CMD ["app"]
