# why: a single rust stage that cargo-installs the program into /usr/local/cargo/bin (on the image's PATH): split, the gnu binary on distroless cc, named by its path
FROM rust:1.86
WORKDIR /usr/src/todo
COPY . .
RUN cargo install --path .
EXPOSE 8088
CMD ["todo-api"]
