# why: "<< EOF" with a space is not a heredoc for BuildKit, so the body lines are read as instructions: "port = 8080" on line 5 is an unknown instruction
FROM golang:1.24-alpine AS build
WORKDIR /src
RUN cat << EOF > /src/config.toml
port = 8080
EOF
COPY . .
RUN go build -o /out/app ./cmd/app

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
COPY --from=build /src/config.toml /etc/app/config.toml
ENTRYPOINT ["/usr/local/bin/app"]
