# why: node_modules come from a node:22-alpine builder and the build context gives no package.json or lock file to read: any package may hold a musl binary, so moving them to glibc distroless is not safe: refuse (or --family dhi, which has the alpine variant)
FROM node:22-alpine AS build
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM node:22-alpine
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=build /usr/src/app ./
EXPOSE 8080
CMD ["node", "index.js"]
