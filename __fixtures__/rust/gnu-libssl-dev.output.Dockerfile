# why: libssl-dev links libssl.so.3, which distroless cc-debian13 ships (libssl3t64): the rewrite goes ahead
FROM rust:1.89-bookworm AS build
RUN apt-get update && apt-get install -y pkg-config libssl-dev
WORKDIR /app
COPY . .
RUN cargo build --release

FROM gcr.io/distroless/cc-debian13
COPY --from=build /app/target/release/api /usr/local/bin/api
ENTRYPOINT ["/usr/local/bin/api"]
