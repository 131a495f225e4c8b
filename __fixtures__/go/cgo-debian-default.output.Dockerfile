# why: golang:1.24-bookworm is Debian with gcc and nothing sets CGO_ENABLED, so the binary may link glibc: distroless base, not scratch; the apt ca-certificates RUN goes
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -trimpath -o /out/billing ./cmd/billing

FROM gcr.io/distroless/base-debian13
COPY --from=build /out/billing /usr/local/bin/billing
EXPOSE 9090
ENTRYPOINT ["/usr/local/bin/billing"]
