# why: with --debug-stage the unnamed last stage would be named "production", but an earlier stage (the production dependencies) already has that name, and stage names must be unique or the build fails: the rewritten last stage takes the free name production-2 and the reason says so; COPY --from=production still means the dependencies stage
FROM node:22-bookworm-slim AS base
WORKDIR /app
COPY package.json package-lock.json ./

FROM base AS production
RUN npm ci --omit=dev

FROM base AS build
RUN npm ci
COPY . .
RUN npm run build

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=production /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
EXPOSE 3000
CMD ["node", "dist/main.js"]
