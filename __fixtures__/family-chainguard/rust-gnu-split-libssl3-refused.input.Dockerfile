# why: the runtime stage installs libssl3 for a binary that links OpenSSL; a split copies only the binary, and cgr.dev/chainguard/glibc-dynamic ships glibc, libgcc and libstdc++ but no OpenSSL: refused naming the line (distroless cc-debian13 ships libssl3, so the default family moves it)
FROM rust:1.81-bookworm AS build
WORKDIR /app
COPY . .
RUN cargo build --release --locked

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y ca-certificates libssl3 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/target/release/indexer /usr/local/bin/indexer
ENTRYPOINT ["indexer"]
