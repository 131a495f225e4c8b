# why: in place, the stage makes /app under USER node; dhi.io/node has /app as root's and WORKDIR does not re-own it: refused naming the WORKDIR
FROM node:22-slim AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .

FROM node:22-slim
USER node
WORKDIR /app
COPY --from=build --chown=node:node /app ./
CMD ["node", "index.js"]
