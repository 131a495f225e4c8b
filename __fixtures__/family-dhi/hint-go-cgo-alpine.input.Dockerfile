# why: cgo on an Alpine builder links musl, which no distroless image has; DHI's static image with musl fits: the refusal names it
FROM golang:1.24-alpine AS build
RUN apk add --no-cache gcc musl-dev
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o /out/app .

FROM alpine:3.22
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
