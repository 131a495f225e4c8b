# why: the stage has two CMD lines; Docker keeps the last, CMD ["/relay"]. On scratch that program becomes ENTRYPOINT ["/relay"], and an earlier CMD of the same stage stays in force after a later ENTRYPOINT (only an inherited CMD is reset), so the image would run "/relay /relay --debug": the earlier CMD line is deleted (this project's convention, rather than adding CMD [])
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -trimpath -o /out/relay ./cmd/relay

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=build /out/relay /relay
CMD ["/relay", "--debug"]
EXPOSE 7000
CMD ["/relay"]
