# why: a Jinja template ({% %} blocks), not a Dockerfile as it stands
FROM rust:1.89 AS build
WORKDIR /src
COPY . .
RUN cargo build --release

FROM debian:bookworm-slim
{% if with_certs %}
RUN apt-get update && apt-get install -y ca-certificates && rm -rf /var/lib/apt/lists/*
{% endif %}
COPY --from=build /src/target/release/{{ app_name }} /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
