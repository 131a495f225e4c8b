# why: an ENTRYPOINT the stage sets itself is the app's: "node" is not on the target's PATH, so it becomes /nodejs/bin/node (replacing the image's entrypoint) and CMD keeps its arguments untouched
FROM node:22-bookworm AS build
WORKDIR /srv
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM gcr.io/distroless/nodejs22-debian13
WORKDIR /srv
COPY --from=build /srv /srv
ENTRYPOINT ["/nodejs/bin/node", "app.js"]
CMD ["--port","3000"]
