# why: DHI node has no npm: npm start runs its script from package.json, a plain node FILE, written with node since DHI sets no ENTRYPOINT
FROM node:22 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM node:22-slim
WORKDIR /app
COPY --from=build /app /app
CMD ["npm", "start"]
