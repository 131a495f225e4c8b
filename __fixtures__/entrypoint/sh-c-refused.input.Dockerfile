# why: the command runs sh -c with &&, exec and a variable: it needs a shell, which the target does not have
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app && go build -o /out/migrate ./cmd/migrate

FROM alpine:3.20
COPY --from=build /out/app /out/migrate /usr/local/bin/
CMD ["sh", "-c", "/usr/local/bin/migrate up && exec /usr/local/bin/app --port ${PORT:-8080}"]
