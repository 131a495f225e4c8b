# why: four blockers in one runtime stage; the reason lists every one with its line, in line order
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/api ./cmd/api

FROM alpine:3.20
RUN apk add --no-cache curl libcap
COPY --from=build /out/api /usr/local/bin/api
RUN setcap cap_net_bind_service=+ep /usr/local/bin/api
EXPOSE 80
HEALTHCHECK CMD curl -fsS http://localhost/healthz || exit 1
CMD /usr/local/bin/api --port $PORT
