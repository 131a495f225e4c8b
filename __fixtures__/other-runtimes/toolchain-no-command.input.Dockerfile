# why: a toolchain image: go install'ed tools and no CMD or ENTRYPOINT of its own, so nothing runs there: unchanged (this test comes before the single-stage refusal)
FROM golang:1.24-alpine
RUN apk add --no-cache git make
RUN go install golang.org/x/tools/cmd/goimports@v0.28.0 && \
    go install honnef.co/go/tools/cmd/staticcheck@2024.1.1
WORKDIR /workspace
