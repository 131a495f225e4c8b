# why: an npm workspace; the runtime runs "npm start" in WORKDIR /repo/apps/api, so npm reads apps/api/package.json ("node dist/main.js"), not the root package.json, whose start script runs another app: CMD ["dist/main.js"] relative to that WORKDIR
FROM node:22-bookworm-slim AS build
WORKDIR /repo
COPY . /repo
RUN npm ci && npm run build --workspace apps/api && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production
COPY --from=build /repo /repo
WORKDIR /repo/apps/api
EXPOSE 3000
CMD ["npm", "start"]
