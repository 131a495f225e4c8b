# why: pure-JavaScript node_modules from an alpine builder (no compiler installed; package.json and package-lock.json in the build context show no native package) run on glibc; the node image's user "node" (uid 1000) is not in distroless's passwd, so USER and --chown become 1000:1000, and the switch to non-root picks the :nonroot tag
FROM node:24-alpine AS build
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM gcr.io/distroless/nodejs24-debian13:nonroot
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=build --chown=1000:1000 /usr/src/app/node_modules ./node_modules
COPY --from=build --chown=1000:1000 /usr/src/app/dist ./dist
USER 1000:1000
EXPOSE 3000
CMD ["dist/main.js"]
