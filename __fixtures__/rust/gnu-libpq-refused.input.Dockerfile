# why: the gnu target links libpq.so.5 from libpq-dev; distroless cc has no libpq
FROM rust:1.89-bookworm AS build
RUN apt-get update && apt-get install -y libpq-dev pkg-config libssl-dev
WORKDIR /app
COPY . .
RUN cargo build --release

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y libpq5 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/target/release/api /usr/local/bin/api
ENTRYPOINT ["/usr/local/bin/api"]
