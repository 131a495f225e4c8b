# why: a fragment meant to be appended to another Dockerfile: no FROM, so it is not a Dockerfile on its own
RUN apk add --no-cache ca-certificates
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
