FROM rust:1.89 AS build
WORKDIR /usr/src/app
COPY . .
RUN cargo build --release --locked

FROM gcr.io/distroless/cc-debian13:debug AS debug
COPY --from=build /usr/src/app/target/release/web /usr/local/bin/web
EXPOSE 3000
ENTRYPOINT ["/usr/local/bin/web"]

FROM gcr.io/distroless/cc-debian13 AS production
COPY --from=build /usr/src/app/target/release/web /usr/local/bin/web
EXPOSE 3000
ENTRYPOINT ["/usr/local/bin/web"]
