# why: node:lts names no major (it moves with every LTS release), so no nodejsNN image can be chosen: refuse, asking to pin a major
FROM node:lts-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM node:lts-alpine
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "main.js"]
