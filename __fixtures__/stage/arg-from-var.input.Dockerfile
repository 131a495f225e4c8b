# why: FROM ${RUNTIME_IMAGE} resolves through the ARG default declared before the first FROM; the reference is replaced by the literal target and the ARG lines stay
ARG RUST_VERSION=1.89
ARG RUNTIME_IMAGE=debian:bookworm-slim
FROM rust:${RUST_VERSION}-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release

FROM ${RUNTIME_IMAGE}
COPY --from=build /src/target/release/tracker /usr/local/bin/tracker
ENTRYPOINT ["/usr/local/bin/tracker"]
