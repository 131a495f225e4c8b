# why: SHELL and ONBUILD RUN in the runtime stage both need a shell the target does not have
FROM golang:1.24-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM alpine:3.20
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
COPY --from=build /out/app /usr/local/bin/app
ONBUILD RUN /usr/local/bin/app migrate
ENTRYPOINT ["/usr/local/bin/app"]
