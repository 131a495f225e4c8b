# why: Node 20 (removed 2026-05-01) is the fundamental blocker and leads; the curl install and the curl HEALTHCHECK follow in line order
FROM node:20-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM node:20-alpine
RUN apk add --no-cache curl
WORKDIR /app
COPY --from=build /app /app
EXPOSE 3000
HEALTHCHECK --interval=30s CMD curl -f http://localhost:3000/health || exit 1
CMD ["node", "index.js"]
