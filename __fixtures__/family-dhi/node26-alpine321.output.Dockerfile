# why: DHI publishes Node 26 on Alpine 3.23 and 3.24 only: what a builder on Alpine 3.21 built runs on the oldest newer one, 3.23; numeric USER 1000 stays
FROM node:26-alpine3.21 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY src ./src

FROM dhi.io/node:26-alpine3.23
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/src ./src
USER 1000
CMD ["node", "src/main.js"]
