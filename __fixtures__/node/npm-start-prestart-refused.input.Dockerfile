# why: npm start would run the prestart script first; a CMD of "server.js" alone would skip it, so refuse naming prestart
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM node:22-bookworm-slim
WORKDIR /app
COPY --from=build /app ./
CMD ["npm", "start"]
