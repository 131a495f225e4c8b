# why: the file starts with a UTF-8 byte order mark, which stays; line numbers and edits are unaffected by it
FROM rust:1.89 AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM gcr.io/distroless/cc-debian13
COPY --from=build /src/target/release/notes /usr/local/bin/notes
ENTRYPOINT ["/usr/local/bin/notes"]
