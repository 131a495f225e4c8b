# why: the default gnu target links glibc and libgcc_s dynamically, and DHI has no cc-like image: refused, naming distroless cc and Chainguard's glibc-dynamic
FROM rust:1.86 AS build
WORKDIR /src
COPY . .
RUN cargo build --release

FROM debian:trixie-slim
COPY --from=build /src/target/release/server /usr/local/bin/server
ENTRYPOINT ["/usr/local/bin/server"]
