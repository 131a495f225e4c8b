# why: USER node was uid 1000 in the node image; Chainguard's node user is 65532, so the uid is kept as 1000:1000 (files and volumes stay owned as before)
FROM node:26 AS build
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM node:26-slim
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
CMD ["node", "server.js"]
