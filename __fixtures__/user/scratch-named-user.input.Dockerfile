# why: the user "app" is created by adduser in the old stage; scratch has no /etc/passwd, so the RUN goes and USER app:app becomes USER 65532:65532
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/inbox ./cmd/inbox

FROM alpine:3.20
RUN addgroup -S app && adduser -S -G app app
COPY --from=build /out/inbox /usr/local/bin/inbox
USER app:app
ENTRYPOINT ["/usr/local/bin/inbox"]
