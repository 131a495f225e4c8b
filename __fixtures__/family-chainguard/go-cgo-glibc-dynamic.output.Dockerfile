# why: cgo on a Debian golang builder links glibc dynamically: Chainguard's glibc-dynamic (glibc 2.43, libgcc, libstdc++) runs it; it runs as nonroot, so USER 0 keeps root
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -o /out/svc ./cmd/svc

FROM cgr.dev/chainguard/glibc-dynamic
USER 0
COPY --from=build /out/svc /svc
ENTRYPOINT ["/svc"]
