# why: node_modules built on Alpine with native addons cannot move to distroless (glibc); DHI's Alpine variant keeps musl: the refusal names it
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
