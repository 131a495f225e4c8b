# why: Node 18 distroless images were removed on 2025-04-30: refuse, naming the line, the version and the date
FROM node:18-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM node:18-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
EXPOSE 3000
CMD ["node", "server.js"]
