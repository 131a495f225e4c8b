# why: the only stage installs the dependencies and runs the app: refused as single stage until splitting exists, naming the npm ci line
FROM node:22-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
