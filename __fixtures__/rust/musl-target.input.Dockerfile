# why: cargo build --target x86_64-unknown-linux-musl links musl statically: scratch; the binary path carries the target triple
FROM rust:1.89 AS builder
RUN rustup target add x86_64-unknown-linux-musl && \
    apt-get update && apt-get install -y musl-tools && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src/shortener
COPY . .
RUN cargo build --release --target x86_64-unknown-linux-musl

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=builder /usr/src/shortener/target/x86_64-unknown-linux-musl/release/shortener /shortener
EXPOSE 3000
CMD ["/shortener"]
