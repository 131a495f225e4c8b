# why: scratch stays the default for static binaries in every family: CGO_ENABLED=0 on --family dhi gives scratch with the builder's CA bundle, as on distroless
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /bin/app ./cmd/app

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /bin/app /bin/app
ENTRYPOINT ["/bin/app"]
