# why: the runtime stage starts from the stage alias "base"; the alias is followed to alpine:3.20, only the runtime FROM's reference changes and AS final stays; the base stage is untouched
FROM alpine:3.20 AS base

FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM base AS final
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
