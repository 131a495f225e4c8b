# why: DHI node has no npm: npm start runs its script from package.json, a plain node FILE, written with node since DHI sets no ENTRYPOINT
FROM node:22 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM dhi.io/node:22-debian13
USER 0
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "dist/server.js", "--port", "3000"]
