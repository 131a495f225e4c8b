# why: cc-debian11 (removed) pinned by digest: it moves to cc-debian13 and the digest is dropped, since it cannot apply to another image
FROM rust:1.79-bullseye AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM gcr.io/distroless/cc-debian11@sha256:ab6c244d74e89f22f2701d6ce2d5b27a5d5a442b8ed782d5e3552ff501a081c7
COPY --from=build /src/target/release/edge /usr/local/bin/edge
EXPOSE 8443
ENTRYPOINT ["/usr/local/bin/edge"]
