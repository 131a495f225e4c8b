# why: "WORKDIR app" is relative: on node:22-bookworm-slim (no WORKDIR of its own) it resolves to /app; USER 1000:1000 implies the :nonroot tag, whose image starts in /home/nonroot (mode 0700, owned by 65532), where it would resolve to /home/nonroot/app, unreadable for uid 1000; the WORKDIR is written absolute so the app runs where it did
FROM node:22-bookworm-slim AS build
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM gcr.io/distroless/nodejs22-debian13:nonroot
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=1000:1000 /usr/src/app/node_modules ./node_modules
COPY --from=build --chown=1000:1000 /usr/src/app/dist ./dist
USER 1000:1000
EXPOSE 3000
CMD ["dist/main.js"]
