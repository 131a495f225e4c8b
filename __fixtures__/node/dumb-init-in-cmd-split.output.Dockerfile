# why: CMD ["dumb-init", "node", "server.js"] with dumb-init from Debian's package: the split copies /usr/bin/dumb-init (glibc, as the target), which becomes the ENTRYPOINT (the image's own would run before it), and node with its script the CMD (review 6: refused before, while the ENTRYPOINT form moved)
FROM node:22-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends dumb-init && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV production
WORKDIR /usr/src/app
COPY --chown=node:node package*.json ./
RUN npm ci --only=production
COPY --chown=node:node . .
USER node
CMD ["dumb-init", "node", "server.js"]

FROM gcr.io/distroless/nodejs22-debian13:nonroot
WORKDIR /usr/src/app
COPY --from=build /usr/src/app /usr/src/app
COPY --from=build /usr/bin/dumb-init /usr/bin/dumb-init
ENV NODE_ENV production
USER 1000:1000
ENTRYPOINT ["/usr/bin/dumb-init"]
CMD ["/nodejs/bin/node", "server.js"]
