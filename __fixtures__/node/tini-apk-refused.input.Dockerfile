# why: tini is installed with apk in the runtime stage; nothing can install it on the target: refuse (copy a static tini from a build stage, or use docker run --init)
FROM node:22-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM node:22-alpine
RUN apk add --no-cache tini
WORKDIR /app
COPY --from=build /app ./
USER node
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["node", "index.js"]
