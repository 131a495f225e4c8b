# why: node:22-bookworm-slim has no curl and no RUN installs it, so the old container is never healthy; the node probe minbase would write would pass, a change in behaviour (an orchestrator restarts unhealthy containers): refused naming the line
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .

FROM node:22-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
EXPOSE 3000
HEALTHCHECK --interval=30s CMD curl -f http://localhost:3000/healthz || exit 1
CMD ["node", "server.js"]
