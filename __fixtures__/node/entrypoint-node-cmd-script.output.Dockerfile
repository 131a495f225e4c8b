# why: ENTRYPOINT ["node"] with CMD ["server.js"] runs "node server.js" (ENTRYPOINT + CMD), not a REPL; the stage's own ENTRYPOINT names the interpreter as /nodejs/bin/node and CMD stays byte-identical
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM gcr.io/distroless/nodejs22-debian13
WORKDIR /app
COPY --from=build /app ./
ENTRYPOINT ["/nodejs/bin/node"]
CMD ["server.js"]
