# why: the file starts with a UTF-8 byte order mark, which stays; line numbers and edits are unaffected by it
FROM rust:1.89 AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM debian:trixie-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/release/notes /usr/local/bin/notes
CMD ["/usr/local/bin/notes"]
