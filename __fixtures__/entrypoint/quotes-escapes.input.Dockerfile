# why: shell-form words are split like sh does: double quotes with \" inside, and an empty '' argument; the JSON output escapes the quotes
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/greeter ./cmd/greeter

FROM alpine:3.20
COPY --from=build /out/greeter /usr/local/bin/greeter
CMD /usr/local/bin/greeter --greeting "hello \"world\"" --suffix ''
