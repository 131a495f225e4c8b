# why: chown -R node:node /app makes the working directory node's (uid 1000, which distroless also knows as 1000): the COPY of /app with --chown=1000:1000 creates it before WORKDIR could make it as the image's user 65532
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && chown -R node:node /app
COPY --chown=node:node . .
USER node
CMD ["node", "server.js"]

FROM gcr.io/distroless/nodejs22-debian13:nonroot
COPY --from=build --chown=1000:1000 /app /app
WORKDIR /app
USER 1000:1000
CMD ["server.js"]
