# why: "RUN chmod +x /app/server" names one file, but the COPY that brought it copies the whole directory /out/ (the server and its config, secrets.yaml included); --chmod=755 on that COPY would set every file's mode, making the secrets world-readable, so the RUN cannot become --chmod: refuse naming it
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -trimpath -o /out/server ./cmd/server && \
    cp config/app.yaml config/secrets.yaml /out/

FROM alpine:3.20 AS build-2
COPY --from=build /out/ /app/
RUN chmod +x /app/server
WORKDIR /app
EXPOSE 8080
ENTRYPOINT ["/app/server", "--config", "/app/app.yaml"]

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
WORKDIR /app
COPY --from=build-2 /app /app
EXPOSE 8080
ENTRYPOINT ["/app/server", "--config", "/app/app.yaml"]
