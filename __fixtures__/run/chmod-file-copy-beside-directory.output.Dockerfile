# why: the stage copies a directory (static assets) and, separately, exactly the file that "RUN chmod 755" names: only that file COPY gets --chmod=755 (right after "COPY ", before --from); the directory COPY stays as written and the RUN goes
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -trimpath -o /out/server ./cmd/server

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
WORKDIR /app
COPY --from=build /src/web/static/ /app/static/
COPY --chmod=755 --from=build /out/server /app/server
EXPOSE 8080
ENTRYPOINT ["/app/server"]
