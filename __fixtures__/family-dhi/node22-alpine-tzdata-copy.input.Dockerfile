# why: DHI's node image on Alpine has no time zone data (dhi-images.md §3.2): the runtime stage's apk add tzdata becomes a COPY of the builder's /usr/share/zoneinfo
FROM node:22-alpine3.22 AS build
RUN apk add --no-cache tzdata
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM node:22-alpine3.22
RUN apk add --no-cache tzdata
WORKDIR /app
COPY --from=build /app /app
USER node
CMD ["node", "server.js"]
