# why: -crt-static on the musl target links musl dynamically (no minimal image has musl's loader); the runtime RUN installing libgcc and openssl is listed too
FROM rust:1.89-alpine AS build
RUN apk add --no-cache musl-dev openssl-dev
WORKDIR /src
COPY . .
RUN RUSTFLAGS="-C target-feature=-crt-static" cargo build --release --target x86_64-unknown-linux-musl

FROM alpine:3.20
RUN apk add --no-cache libgcc openssl
COPY --from=build /src/target/x86_64-unknown-linux-musl/release/gateway /usr/local/bin/gateway
ENTRYPOINT ["/usr/local/bin/gateway"]
