# why: exec-form CMD with arguments: the program becomes ENTRYPOINT, the arguments stay in CMD; rewritten JSON arrays are written with ", " separators
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/server ./cmd/server

FROM alpine:3.20
COPY --from=build /out/server /usr/local/bin/server
EXPOSE 8080
CMD ["/usr/local/bin/server","--port","8080","--log-level","debug"]
