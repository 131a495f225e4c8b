# why: node finds /node_modules by walking up from /app: the split copies what the stage's COPY lines brought (/node_modules), not only the WORKDIR; .cache keeps its owner node (1000)
FROM node:22-bookworm-slim AS deps
WORKDIR /deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:22-bookworm-slim
COPY --from=deps /deps/node_modules /node_modules
WORKDIR /app
COPY . .
RUN mkdir -p /app/.cache && chown node:node /app/.cache
USER node
CMD ["node", "index.js"]
