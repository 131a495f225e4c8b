# why: --static-base distroless on --family dhi is DHI's static image, on Debian 13 for a Debian builder; it has the CA bundle and runs as nonroot, so USER 0 keeps root; the bare program name becomes the path the stage copies it to
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM dhi.io/static:20250419-debian13
USER 0
COPY --from=build /out/api /usr/local/bin/api
ENTRYPOINT ["/usr/local/bin/api"]
CMD ["--listen", ":8080"]
