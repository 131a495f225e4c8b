# why: a DHI image mirrored into an organisation's namespace (<org>/dhi-<repo>, DHI Select/Enterprise) is a DHI runtime image: unchanged
FROM node:24 AS build
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM docker.io/acme/dhi-node:24-debian13
COPY --from=build /app /app
CMD ["node", "/app/server.js"]
