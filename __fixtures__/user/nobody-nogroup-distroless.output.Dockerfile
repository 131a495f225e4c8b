# why: USER nobody:nogroup is Debian's 65534:65534; distroless's /etc/passwd has nobody (65534) but its /etc/group has no nogroup (only root, nobody, tty, staff, nonroot), so the name would not resolve: USER becomes the same ids, 65534:65534; the non-root user implies the :nonroot tag, and WORKDIR / keeps the working directory
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -trimpath -o /out/exporter ./cmd/exporter

FROM gcr.io/distroless/base-debian13:nonroot
WORKDIR /
COPY --from=build /out/exporter /usr/local/bin/exporter
USER 65534:65534
EXPOSE 9100
ENTRYPOINT ["/usr/local/bin/exporter"]
