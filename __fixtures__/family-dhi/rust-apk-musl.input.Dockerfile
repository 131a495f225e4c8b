# why: Alpine's packaged Rust links musl dynamically; DHI's static image with musl on the builder's Alpine (3.22) runs it
FROM alpine:3.22 AS build
RUN apk add --no-cache rust cargo
WORKDIR /src
COPY . .
RUN cargo build --release

FROM alpine:3.22
COPY --from=build /src/target/release/tool /usr/bin/tool
ENTRYPOINT ["/usr/bin/tool"]
