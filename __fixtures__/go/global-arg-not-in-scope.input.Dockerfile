# why: ARG CGO_ENABLED=0 before the first FROM is never redeclared in the build stage, so its RUN does not see it: cgo stays on (Debian golang has gcc), target is distroless base
ARG CGO_ENABLED=0
ARG GO_VERSION=1.24
FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -o /out/ledger ./cmd/ledger

FROM debian:bookworm-slim
COPY --from=build /out/ledger /usr/local/bin/ledger
ENTRYPOINT ["/usr/local/bin/ledger"]
