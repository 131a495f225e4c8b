# why: a numeric USER stays as written; the stage switched to a non-root user, so the distroless target takes the :nonroot tag
FROM rust:1.89 AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /
COPY --from=build /src/target/release/ingest /usr/local/bin/ingest
USER 1000:1000
ENTRYPOINT ["/usr/local/bin/ingest"]
