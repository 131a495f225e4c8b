# syntax=docker/dockerfile:1
# why: heredocs in the build stage stay byte-identical; a FROM line inside a heredoc body is text, not a new stage; go build inside a RUN heredoc is still the Go build
FROM golang:1.24 AS build
ENV CGO_ENABLED=0
WORKDIR /src
COPY <<EOF /src/BUILD_INFO
built in docker
FROM alpine:3.20 is text here, not an instruction
EOF
COPY . .
RUN <<EOF
set -eux
go mod download
go build -o /out/app ./cmd/app
EOF

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
COPY --from=build /src/BUILD_INFO /BUILD_INFO
ENTRYPOINT ["/usr/local/bin/app"]
