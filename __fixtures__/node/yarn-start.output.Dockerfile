# why: shell-form "yarn start" resolves through package.json to "node ./src/index.js"; there is no yarn in the target
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile --production
COPY . .

FROM gcr.io/distroless/nodejs22-debian13
WORKDIR /app
COPY --from=build /app ./
EXPOSE 4000
CMD ["./src/index.js"]
