# why: the COPY source /out/${APP} is resolved by the ARG default declared before the first FROM (APP=ledger, redeclared in both stages, so in scope); the trace reaches "go build -o /out/${APP}" on an alpine builder with no C compiler: static, scratch. The ARG lines and the COPY stay as written
ARG APP=ledger
FROM golang:1.24-alpine AS build
ARG APP
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -trimpath -o /out/${APP} ./cmd/${APP}

FROM alpine:3.20
ARG APP
RUN apk add --no-cache ca-certificates
COPY --from=build /out/${APP} /usr/local/bin/app
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/app"]
