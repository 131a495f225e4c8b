# why: the runtime apt RUN (three physical lines) installs only packages cc-debian13 already ships (ca-certificates, libssl3), so it goes whole; shell-form CMD with a bare name becomes ENTRYPOINT + CMD
FROM rust:1.89-slim-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends pkg-config libssl-dev
WORKDIR /app
COPY . .
RUN cargo build --release --locked --bin api

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libssl3 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/target/release/api /usr/local/bin/api
ENV RUST_LOG=info
EXPOSE 8000
CMD api --bind 0.0.0.0:8000
