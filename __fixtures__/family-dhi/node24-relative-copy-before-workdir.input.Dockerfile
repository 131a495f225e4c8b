# why: a COPY to a relative destination before the first WORKDIR lands in the image's working directory: DHI node's is /app, the old image's /, so WORKDIR / is written after FROM
FROM node:24 AS build
WORKDIR /src
COPY . .
RUN npm ci --omit=dev

FROM node:24-slim
COPY --from=build /src/package.json ./
WORKDIR /srv
COPY --from=build /src /srv
USER node
CMD ["node", "index.js"]
