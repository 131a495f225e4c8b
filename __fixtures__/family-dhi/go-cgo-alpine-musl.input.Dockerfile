# why: cgo on an Alpine builder links musl dynamically; the builder installs no library beyond musl-dev, so DHI's static image with musl (and libgcc) runs it; golang:1.24-alpine floats, so Alpine 3.24
FROM golang:1.24-alpine AS build
RUN apk add --no-cache gcc musl-dev
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o /out/app .

FROM alpine:3.22
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
