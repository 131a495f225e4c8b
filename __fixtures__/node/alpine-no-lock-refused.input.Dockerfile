# why: node_modules come from a node:22-alpine builder; package.json is readable and lists only pure-JavaScript packages, but there is no lock file, and the dependencies of those packages (which may hold musl binaries) are known only from the lock: refuse naming the missing lock file
FROM node:22-alpine AS build
WORKDIR /usr/src/app
COPY package.json ./
RUN npm install --omit=dev
COPY . .

FROM node:22-alpine
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=build /usr/src/app ./
EXPOSE 8080
CMD ["node", "index.js"]
