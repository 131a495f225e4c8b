# why: node_modules were installed on node:22-alpine and include @resvg/resvg-js, a napi-rs package that loads the musl build @resvg/resvg-js-linux-x64-musl chosen at install time; glibc distroless cannot load it: refuse naming the package
FROM node:22-alpine AS deps
WORKDIR /srv/og
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:22-alpine
WORKDIR /srv/og
COPY --from=deps /srv/og/node_modules ./node_modules
COPY . .
EXPOSE 8080
CMD ["node", "server.mjs"]
