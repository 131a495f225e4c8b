# why: /usr/local/bin is a directory in alpine, so the binary went inside it; on scratch the same line would create a file named bin
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/hello .

FROM alpine:3.20
COPY --from=build /out/hello /usr/local/bin
CMD ["hello"]
