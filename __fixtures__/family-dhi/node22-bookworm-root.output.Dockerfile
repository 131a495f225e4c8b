# why: DHI node sets no ENTRYPOINT and has node on PATH, so CMD keeps its interpreter word; it runs as node (1000) and the old stage ran as root, so USER 0 after FROM; the WORKDIR is absolute, so DHI's /app does not matter; node_modules built on bookworm (glibc 2.36) run on Debian 13
FROM node:22-bookworm AS build
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM dhi.io/node:22-debian13
USER 0
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=build /usr/src/app /usr/src/app
EXPOSE 3000
CMD ["node", "server.js"]
