# why: Chainguard's node is Node 26 (26.7.0 as of 2026-08-22), the app's: its ENTRYPOINT is /usr/bin/node, so CMD drops node; it starts in /app as node (65532), so USER 0 and WORKDIR / keep the old user and directory
FROM node:26 AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM cgr.dev/chainguard/node
USER 0
WORKDIR /
COPY --from=build /build /build
CMD ["/build/server.js"]
