FROM cgr.dev/chainguard/go:latest-dev AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM cgr.dev/chainguard/static:latest
COPY --from=build /out/app /usr/bin/app
ENTRYPOINT ["/usr/bin/app"]
