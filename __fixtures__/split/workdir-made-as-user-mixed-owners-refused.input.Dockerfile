# why: USER node makes /home/node/app node's, but COPY . . (no --chown) puts root's files in it: a COPY with --chown=node would re-own them, one without makes the directory root's, so the split refuses naming the WORKDIR line and the COPY
FROM node:22-bookworm-slim
USER node
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
CMD ["node", "index.js"]
