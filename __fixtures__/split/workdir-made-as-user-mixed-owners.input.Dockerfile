# why: USER node makes /home/node/app node's while COPY . . (no --chown) brings root's files into it: USER then WORKDIR in the new stage makes the directory node's (1000) as before, and the COPY keeps each file's owner, root's files included (review 6 found the refusal over-cautious)
FROM node:22-bookworm-slim
USER node
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
CMD ["node", "index.js"]
