# why: already on a DHI runtime image: unchanged under --family chainguard (no family-to-family moves)
FROM node:24-alpine3.23 AS build
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM dhi.io/node:24-alpine3.23
COPY --from=build /app /app
CMD ["node", "server.js"]
