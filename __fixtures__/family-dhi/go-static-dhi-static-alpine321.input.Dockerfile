# why: --static-base distroless on --family dhi with an Alpine 3.21 builder: DHI's static image on the oldest newer Alpine it has (3.22); USER 65532:65532 stays
FROM golang:1.23-alpine3.21 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /app .

FROM alpine:3.21
COPY --from=build /app /app
USER 65532:65532
ENTRYPOINT ["/app"]
