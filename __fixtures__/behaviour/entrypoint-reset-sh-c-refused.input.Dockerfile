# why: ENTRYPOINT [] clears the entrypoint, so the effective command is CMD alone: "sh -c" with a variable default and exec, which needs a shell that no minimal target has (the static Go binary would go to scratch): refuse naming the CMD line
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT []
CMD ["sh", "-c", "exec /usr/local/bin/app --listen=:${PORT:-8080}"]
