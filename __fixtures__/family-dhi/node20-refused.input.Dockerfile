# why: DHI removed Node 20 on 2026-05-11, and no family has it any more: refused naming the date
FROM node:20 AS build
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM node:20-slim
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "server.js"]
