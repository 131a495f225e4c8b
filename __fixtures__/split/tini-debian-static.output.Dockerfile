# why: the only stage installs Debian's tini and runs it as the init wrapper: after the split the static build /usr/bin/tini-static (shipped by the same package) is copied to the path the ENTRYPOINT uses; the app directory is copied, USER node keeps uid 1000
FROM node:22-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
USER node
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "server.js"]

FROM gcr.io/distroless/nodejs22-debian13:nonroot
WORKDIR /app
COPY --from=build /app /app
COPY --from=build /usr/bin/tini-static /usr/bin/tini
USER 1000:1000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["/nodejs/bin/node", "server.js"]
