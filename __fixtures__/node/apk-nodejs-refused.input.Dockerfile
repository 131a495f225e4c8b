# why: the runtime stage installs Node with apk, so the file does not show which major runs there: refuse (start from a node:NN image instead)
FROM node:22-alpine AS build
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM alpine:3.20
RUN apk add --no-cache nodejs
WORKDIR /app
COPY --from=build /app ./
CMD ["node", "index.js"]
