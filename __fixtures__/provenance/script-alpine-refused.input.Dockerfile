# why: on an alpine builder the binary is written by a build script from the source tree; how it links cannot be traced and no minimal image runs a musl-linked binary: refuse naming the RUN that runs the script
FROM golang:1.24-alpine AS build
RUN apk add --no-cache bash git
WORKDIR /src
COPY . .
RUN ./scripts/build.sh --os linux --out /out/agent

FROM alpine:3.20
COPY --from=build /out/agent /usr/local/bin/agent
USER 10001
ENTRYPOINT ["/usr/local/bin/agent"]
