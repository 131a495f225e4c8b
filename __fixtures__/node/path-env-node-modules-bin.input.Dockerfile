# why: ENV PATH=/app/node_modules/.bin:$PATH does not make node a program of node_modules: the copied /app does not show a node there, so node is the image's interpreter
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM node:22-bookworm-slim AS runtime
ENV PATH=/app/node_modules/.bin:$PATH
WORKDIR /app
COPY --from=build /app ./
USER node
CMD ["node", "server.mjs"]
