FROM rust:1.89-bookworm AS build
WORKDIR /app
COPY . .
RUN cargo build --release

FROM debian:bookworm-slim
COPY --from=build /app/target/release/indexer /usr/local/bin
COPY --from=build /app/config /etc
ENTRYPOINT ["indexer"]
