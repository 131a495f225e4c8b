# why: USER node before WORKDIR makes /home/node/app node's, and every file in it is node's (COPY --chown=node:node, RUN as node): a COPY of a directory's contents makes the top directory as root unless --chown, so the COPY gets --chown=node (1000:1000 on distroless), creates it before WORKDIR, and WORKDIR follows
FROM node:22-bookworm-slim AS build
USER node
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --chown=node:node . .
EXPOSE 3000
CMD ["node", "index.js"]

FROM gcr.io/distroless/nodejs22-debian13:nonroot
COPY --from=build --chown=1000:1000 /home/node/app /home/node/app
WORKDIR /home/node/app
USER 1000:1000
EXPOSE 3000
CMD ["index.js"]
