# why: "RUN true" between two COPY lines (an old workaround for a layer-export bug) and "RUN :" do nothing: both lines go
FROM rust:1.89 AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM debian:trixie-slim
COPY --from=build /src/target/release/tick /usr/local/bin/tick
RUN true
COPY --from=build /src/assets /usr/share/tick/assets
RUN :
ENTRYPOINT ["/usr/local/bin/tick"]
