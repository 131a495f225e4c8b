# why: Chainguard's free node is Node 26 only; the app runs on Node 22: refused naming both versions, and the families that have 22
FROM node:22 AS build
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM node:22-slim
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "server.js"]
