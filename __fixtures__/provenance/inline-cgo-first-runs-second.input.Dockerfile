# why: in "CGO_ENABLED=0 go build -o A && go build -o B" the inline assignment is in force for the first go build only; the container runs /usr/local/bin/server, built by the second command with cgo on (Debian golang has gcc): distroless base
FROM golang:1.25 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/migrate ./cmd/migrate && go build -o /out/server ./cmd/server

FROM debian:trixie-slim
COPY --from=build /out/migrate /usr/local/bin/migrate
COPY --from=build /out/server /usr/local/bin/server
EXPOSE 8080
CMD ["/usr/local/bin/server", "--addr", ":8080"]
