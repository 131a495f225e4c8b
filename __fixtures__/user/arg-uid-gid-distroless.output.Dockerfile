# why: USER ${UID}:${GID} and --chown=${UID}:${GID} are resolved by ARG defaults declared before the first FROM and redeclared in the stage (10001:10001): a numeric non-root user, so the distroless target takes the :nonroot tag and WORKDIR / keeps the working directory; the ARG lines, the COPY and the USER line stay as written
ARG UID=10001
ARG GID=10001
FROM rust:1.89 AS build
WORKDIR /usr/src/app
COPY . .
RUN cargo build --release --locked

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /
ARG UID
ARG GID
COPY --from=build --chown=${UID}:${GID} /usr/src/app/target/release/ingest /usr/local/bin/ingest
USER ${UID}:${GID}
ENTRYPOINT ["/usr/local/bin/ingest"]
