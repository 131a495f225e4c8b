# why: ONBUILD COPY only registers a trigger for images built FROM this one, and a COPY needs no shell there either: it stays as written (only ONBUILD RUN is refused)
FROM golang:1.24 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/rules-engine ./cmd/rules-engine

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/rules-engine /usr/local/bin/rules-engine
ONBUILD COPY rules/ /etc/rules-engine/rules/
ENTRYPOINT ["/usr/local/bin/rules-engine"]
CMD ["--rules", "/etc/rules-engine/rules"]
