# why: a COPY after the build is not the build's input: the config it brings is copied beside the binary
FROM golang:1.24
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o ingest ./cmd/ingest
COPY deploy/ingest.prod.yaml ./ingest.yaml
EXPOSE 7070
CMD ./ingest -config ingest.yaml -name 'ingest primary'
