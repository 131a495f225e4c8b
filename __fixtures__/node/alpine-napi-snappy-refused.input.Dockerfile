# why: node_modules were installed on node:22-alpine, and package.json and the lock file show snappy, a napi-rs package whose binary comes from the optional dependency @napi-rs/snappy-linux-x64-musl (linked against musl); moved to glibc distroless it would not load: refuse naming the package
FROM node:22-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY src ./src

FROM node:22-alpine
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app ./
USER node
CMD ["node", "src/index.js"]
