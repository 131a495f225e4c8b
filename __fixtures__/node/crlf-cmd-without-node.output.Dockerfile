# why: CRLF line endings stay CRLF; on a node: image CMD ["server.js"] already means "node server.js" (docker-entrypoint.sh adds node), which is what the distroless entrypoint does, so only FROM changes
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM gcr.io/distroless/nodejs24-debian13
WORKDIR /app
COPY --from=build /app ./
EXPOSE 3000
CMD ["server.js"]
