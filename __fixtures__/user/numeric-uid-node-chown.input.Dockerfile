# why: USER 1000 on a node image is node with group 1000; distroless has no uid 1000, so the group is written out (1000:1000), and --chown=1000 already meant 1000:1000
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM node:22-bookworm-slim
WORKDIR /app
COPY --from=build --chown=1000 /app ./
USER 1000
EXPOSE 3000
CMD ["node", "server.js"]
