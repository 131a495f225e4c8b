# why: USER node is DHI node's own user with the node image's uid (1000), so USER and --chown=node:node stay and no USER 0 is written; node_modules come from node:22-alpine, whose Alpine floats: the newest DHI has (3.24), said in a note
FROM node:22-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM dhi.io/node:22-alpine3.24
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
CMD ["node", "index.js"]
