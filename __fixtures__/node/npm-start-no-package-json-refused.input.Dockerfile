# why: "npm start" cannot be resolved because the build context has no package.json to read: refuse rather than guess the script
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
COPY --from=build /app ./
CMD ["npm", "start"]
