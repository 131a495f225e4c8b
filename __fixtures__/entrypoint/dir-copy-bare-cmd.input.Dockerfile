# why: the stage copies the directory /out/bin/ (server and migrate, both built by traced go build commands) into /usr/local/bin/, and the exec-form CMD names the program bare; it resolves to /usr/local/bin/server, which becomes the ENTRYPOINT (no arguments, so no CMD)
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -trimpath -o /out/bin/server ./cmd/server && \
    go build -trimpath -o /out/bin/migrate ./cmd/migrate

FROM alpine:3.20
COPY --from=build /out/bin/ /usr/local/bin/
EXPOSE 8080
CMD ["server"]
