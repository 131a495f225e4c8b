# why: node_modules built on Alpine with native addons (a compiler is installed) link musl, and DHI's Alpine variant has musl; DHI has no Alpine 3.21, so the oldest newer one it has (3.22)
FROM node:22-alpine3.21 AS build
RUN apk add --no-cache python3 make g++
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM node:22-alpine3.21
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "server.js"]
