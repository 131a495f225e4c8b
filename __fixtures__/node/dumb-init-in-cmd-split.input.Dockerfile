# why: CMD ["dumb-init", "node", "server.js"] with dumb-init from Debian's package: the split copies /usr/bin/dumb-init (glibc, as the target), which becomes the ENTRYPOINT (the image's own would run before it), and node with its script the CMD (review 6: refused before, while the ENTRYPOINT form moved)
FROM node:22-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends dumb-init && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV production
WORKDIR /usr/src/app
COPY --chown=node:node package*.json ./
RUN npm ci --only=production
COPY --chown=node:node . .
USER node
CMD ["dumb-init", "node", "server.js"]
