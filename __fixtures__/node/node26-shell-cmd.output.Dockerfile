# why: shell-form "CMD node server.js" is split as sh would split it and written in exec form without the interpreter (the image's entrypoint is /nodejs/bin/node)
FROM node:26-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM gcr.io/distroless/nodejs26-debian13
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY server.js ./
EXPOSE 8080
CMD ["server.js"]
