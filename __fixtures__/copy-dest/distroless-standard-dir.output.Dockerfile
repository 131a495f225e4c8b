FROM rust:1.89-bookworm AS build
WORKDIR /app
COPY . .
RUN cargo build --release

FROM gcr.io/distroless/cc-debian13
COPY --from=build /app/target/release/indexer /usr/local/bin/
COPY --from=build /app/config /etc/
ENTRYPOINT ["/usr/local/bin/indexer"]
