# why: ENV names template and static directories inside the source tree the build read: those are copied, the rest of the tree is not
FROM golang:1.24-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/wiki ./cmd/wiki
ENV WIKI_TEMPLATES=/src/web/templates \
    WIKI_STATIC=/src/web/static
EXPOSE 8080
CMD ["wiki", "-addr", ":8080"]

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
WORKDIR /src
COPY --from=build /usr/local/bin/wiki /usr/local/bin/wiki
COPY --from=build /src/web/templates /src/web/templates
COPY --from=build /src/web/static /src/web/static
ENV WIKI_TEMPLATES=/src/web/templates \
    WIKI_STATIC=/src/web/static
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/wiki"]
CMD ["-addr", ":8080"]
