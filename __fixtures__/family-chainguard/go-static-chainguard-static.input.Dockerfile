# why: --static-base distroless on --family chainguard is Chainguard's static image (CA bundle and tzdata, no libc); USER 65532:65532 stays
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/svc .

FROM ubuntu:24.04
COPY --from=build /out/svc /svc
USER 65532:65532
ENTRYPOINT ["/svc"]
