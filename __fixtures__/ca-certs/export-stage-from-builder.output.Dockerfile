# why: the binary reaches the runtime through an empty export stage (FROM scratch AS bin); that stage has no CA bundle, so the inserted CA COPY comes --from the stage that built the binary and has one (build), not --from=bin, which would fail the build
FROM golang:1.24 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/ctl ./cmd/ctl

FROM scratch AS bin
COPY --from=build /out/ctl /ctl

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=bin /ctl /usr/local/bin/ctl
ENTRYPOINT ["/usr/local/bin/ctl"]
