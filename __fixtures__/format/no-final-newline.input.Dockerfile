# why: no newline at the end of the file: the last line (CMD) becomes ENTRYPOINT + CMD joined by one LF, still with no final newline
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
CMD /usr/local/bin/app --verbose