# why: clux/muslrust is a musl builder image (its default cargo target is x86_64-unknown-linux-musl): scratch; numeric USER stays
FROM clux/muslrust:stable AS build
WORKDIR /volume
COPY . .
RUN cargo build --release

FROM alpine:3.20
COPY --from=build /volume/target/x86_64-unknown-linux-musl/release/controller /app/controller
USER 1000
ENTRYPOINT ["/app/controller"]
