# why: node_modules come from a node:22-alpine builder, but package.json and package-lock.json (build context) show only pure-JavaScript packages (no install scripts, no os/libc-specific optional dependencies, nothing native): they run on glibc, so nodejs22-debian13
FROM node:22-alpine AS build
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM gcr.io/distroless/nodejs22-debian13
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=build /usr/src/app ./
EXPOSE 8080
CMD ["index.js"]
