# why: already on a distroless image: unchanged under --family dhi (no family-to-family moves)
FROM node:22 AS build
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM gcr.io/distroless/nodejs22-debian13
COPY --from=build /app /app
WORKDIR /app
CMD ["server.js"]
