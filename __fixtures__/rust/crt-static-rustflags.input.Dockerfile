# why: RUSTFLAGS="-C target-feature=+crt-static" on the gnu target makes a static glibc binary: scratch; ENTRYPOINT + CMD already exec form stay
FROM rust:1.89-bookworm AS build
ENV RUSTFLAGS="-C target-feature=+crt-static"
WORKDIR /src
COPY . .
RUN cargo build --release --target x86_64-unknown-linux-gnu

FROM debian:bookworm-slim
COPY --from=build /src/target/x86_64-unknown-linux-gnu/release/probe /usr/local/bin/probe
ENTRYPOINT ["/usr/local/bin/probe"]
CMD ["--interval", "30s"]
