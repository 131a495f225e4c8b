# why: tini is copied from a build stage and set as the stage's own ENTRYPOINT, so it stays; the node it starts must be written as /nodejs/bin/node because node is not on the target's PATH
FROM node:22-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM gcr.io/distroless/nodejs22-debian13
COPY --from=build /usr/bin/tini /usr/bin/tini
WORKDIR /app
COPY --from=build /app ./
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["/nodejs/bin/node", "server.js"]
