# why: exec-form CMD with a bare program name: the ENTRYPOINT names the path the stage copied it to, the arguments stay in CMD
FROM rust:1.89 AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM debian:trixie-slim
COPY --from=build /src/target/release/queue /usr/local/bin/queue
CMD ["queue", "consume", "--concurrency", "4"]
