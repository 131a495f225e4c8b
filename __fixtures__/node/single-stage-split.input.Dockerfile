# why: the only stage installs the dependencies and runs the app: split (RULES §6), as in the spec example node-single-stage
FROM node:22-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
