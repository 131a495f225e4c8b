# why: USER node before WORKDIR makes /home/node/app node's: the new stage does the same, USER (1000:1000 on distroless) then WORKDIR, which makes the directory that user's, then the COPY into it, which keeps its files' owners and never re-owns the directory (review 5 and 6)
FROM node:22-bookworm-slim
USER node
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --chown=node:node . .
EXPOSE 3000
CMD ["node", "index.js"]
