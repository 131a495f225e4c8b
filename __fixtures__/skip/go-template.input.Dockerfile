# why: a Go text/template, not a Dockerfile as it stands
FROM golang:{{ .GoVersion }}-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/{{ .Name }} ./cmd/{{ .Name }}

FROM alpine:{{ .AlpineVersion }}
COPY --from=build /out/{{ .Name }} /usr/local/bin/{{ .Name }}
ENTRYPOINT ["/usr/local/bin/{{ .Name }}"]
