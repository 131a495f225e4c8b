# escape=`
# why: the escape directive makes the backtick the line-continuation character; the two-line runtime RUN continued with a backtick goes whole
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build `
    -trimpath `
    -o /out/app ./cmd/app

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
