# why: unsuffixed distroless aliases exist only for current images (nodejs22, 24, 26); gcr.io/distroless/nodejs20 went with the nodejs20 removal on 2026-05-01, so it is not "already minimal": Node 20 has no current image, refuse naming the date
FROM node:20 AS build
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM gcr.io/distroless/nodejs20
WORKDIR /app
COPY --from=build /app ./
CMD ["server.js"]
