# why: the default gnu target links glibc and libgcc_s dynamically: Chainguard's glibc-dynamic has both; USER 10001 stays
FROM rust:1.86 AS build
WORKDIR /src
COPY . .
RUN cargo build --release

FROM cgr.dev/chainguard/glibc-dynamic
COPY --from=build /src/target/release/server /usr/local/bin/server
USER 10001
ENTRYPOINT ["/usr/local/bin/server"]
