# why: curl with a header (-H) is not a plain probe: minbase cannot say the node version does the same, so it refuses naming the HEALTHCHECK
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
HEALTHCHECK CMD curl -f -H "Host: api.local" http://localhost:3000/ || exit 1
CMD ["node", "server.js"]
