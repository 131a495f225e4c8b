# why: scratch has no /etc/passwd, so --chown=app:app of a created user and USER app both become 65532:65532
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM alpine:3.20
RUN addgroup -S app && adduser -S app -G app
COPY --from=build --chown=app:app /out/app /home/app/app
USER app
ENTRYPOINT ["/home/app/app"]
