# why: the runtime copies the binary from an export stage (FROM scratch AS bin, used for "docker build --target bin --output"); the trace follows that COPY back to the go build in "build", which has cgo on (Debian golang, no CGO_ENABLED=0): distroless base
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -trimpath -o /out/syncd ./cmd/syncd

FROM scratch AS bin
COPY --from=build /out/syncd /syncd

FROM gcr.io/distroless/base-debian13
COPY --from=bin /syncd /usr/local/bin/syncd
VOLUME /var/lib/syncd
ENTRYPOINT ["/usr/local/bin/syncd"]
CMD ["--data-dir", "/var/lib/syncd"]
