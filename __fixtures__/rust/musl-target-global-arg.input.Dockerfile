# why: "--target $TARGET" is resolved by the ARG default declared before the first FROM (and redeclared in the build stage, so it is in scope): x86_64-unknown-linux-musl, static: scratch, not a refusal
ARG TARGET=x86_64-unknown-linux-musl
FROM rust:1.89 AS build
ARG TARGET
RUN rustup target add ${TARGET} && \
    apt-get update && apt-get install -y --no-install-recommends musl-tools && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src/indexer
COPY . .
RUN cargo build --release --locked --target $TARGET

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=build /usr/src/indexer/target/x86_64-unknown-linux-musl/release/indexer /usr/local/bin/indexer
USER 10001
ENTRYPOINT ["/usr/local/bin/indexer"]
