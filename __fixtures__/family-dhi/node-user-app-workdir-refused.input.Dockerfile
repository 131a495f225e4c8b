# why: USER node makes /app node's in the old stage; dhi.io/node already has /app, created root's (uid 0, mode 0755), and neither COPY nor WORKDIR re-owns it: refused naming the WORKDIR (review 6; distroless has no /app, so the default family moves it)
FROM node:22-slim
USER node
WORKDIR /app
COPY --chown=node:node package*.json ./
RUN npm ci --omit=dev
COPY --chown=node:node . .
EXPOSE 3000
CMD ["node", "index.js"]
