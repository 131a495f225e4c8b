# why: GOFLAGS=-buildmode=pie in the build stage's ENV applies to every go build there; with CGO_ENABLED=0 the binary still needs the dynamic loader: distroless base, not scratch
FROM golang:1.24-bookworm AS build
ENV CGO_ENABLED=0 \
    GOFLAGS="-buildmode=pie -trimpath"
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -ldflags="-s -w" -o /out/audit ./cmd/audit

FROM gcr.io/distroless/base-debian13
COPY --from=build /out/audit /usr/local/bin/audit
ENTRYPOINT ["/usr/local/bin/audit"]
