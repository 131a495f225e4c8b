# why: cgo on a Debian builder that installs libsqlite3-dev: the binary may link libsqlite3.so, which distroless base lacks
FROM golang:1.24-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev
WORKDIR /src
COPY . .
RUN go build -o /out/notes ./cmd/notes

FROM debian:bookworm-slim
COPY --from=build /out/notes /usr/local/bin/notes
CMD ["notes"]
