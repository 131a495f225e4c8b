# why: option nonroot selects the :nonroot tag of the distroless target
FROM rust:1.89 AS build
WORKDIR /usr/src/app
COPY . .
RUN cargo build --release --locked

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /
COPY --from=build /usr/src/app/target/release/web /usr/local/bin/web
EXPOSE 3000
ENTRYPOINT ["/usr/local/bin/web"]
