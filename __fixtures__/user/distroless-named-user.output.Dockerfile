# why: on a distroless target a created user (groupadd/useradd over two lines) becomes USER nonroot and the FROM gets the :nonroot tag
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -o /out/search ./cmd/search

FROM gcr.io/distroless/base-debian13:nonroot
WORKDIR /
COPY --from=build /out/search /usr/local/bin/search
USER nonroot
ENTRYPOINT ["/usr/local/bin/search"]
