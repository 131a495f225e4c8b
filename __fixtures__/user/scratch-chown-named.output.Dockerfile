# why: scratch has no /etc/passwd, so --chown=app:app of a created user and USER app both become 65532:65532
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build --chown=65532:65532 /out/app /home/app/app
USER 65532:65532
ENTRYPOINT ["/home/app/app"]
