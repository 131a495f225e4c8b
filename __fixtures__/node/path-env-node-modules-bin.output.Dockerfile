# why: ENV PATH=/app/node_modules/.bin:$PATH does not make node a program of node_modules: the copied /app does not show a node there, so node is the image's interpreter
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM gcr.io/distroless/nodejs22-debian13:nonroot AS runtime
ENV PATH=/app/node_modules/.bin:$PATH
WORKDIR /app
COPY --from=build /app ./
USER 1000:1000
CMD ["server.mjs"]
