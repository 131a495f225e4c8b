# why: ENTRYPOINT ["node"] with CMD ["server.js"] runs "node server.js" (ENTRYPOINT + CMD), not a REPL; the stage's own ENTRYPOINT names the interpreter as /nodejs/bin/node and CMD stays byte-identical
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
COPY --from=build /app ./
ENTRYPOINT ["node"]
CMD ["server.js"]
