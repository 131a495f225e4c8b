# why: the HEALTHCHECK runs the app's own binary but in shell form (CMD-SHELL), which needs /bin/sh
FROM rust:1.89 AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM debian:trixie-slim
COPY --from=build /src/target/release/cache /usr/local/bin/cache
HEALTHCHECK --interval=15s CMD /usr/local/bin/cache ping
ENTRYPOINT ["/usr/local/bin/cache"]
