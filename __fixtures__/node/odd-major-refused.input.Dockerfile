# why: Node 23 is an odd (never LTS) major; distroless publishes only nodejs22, 24 and 26: refuse, naming the version
FROM node:23-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM node:23-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "server.js"]
