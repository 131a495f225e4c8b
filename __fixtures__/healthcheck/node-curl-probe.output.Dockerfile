# why: on nodejs22 a plain "curl -fsS URL || exit 1" becomes the same probe in node: a status below 400 succeeds, redirects are not followed (curl without -L), a connection error fails; the options stay (the runtime stage is on the full image, which has curl: on a -slim image the old check could never pass, and minbase refuses it)
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM gcr.io/distroless/nodejs22-debian13
WORKDIR /app
COPY --from=build /app /app
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD ["/nodejs/bin/node", "-e", "fetch(\"http://localhost:3000/healthz\",{redirect:'manual'}).then(r=>process.exit(r.status<400?0:1),()=>process.exit(1))"]
CMD ["server.js"]
