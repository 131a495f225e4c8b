# why: files chowned to the created user app (COPY --chown, chown /app/data) stay owned by the user that replaces it: the app directory is copied with --chown=nonroot, or uid 999's files could not be written by 65532
FROM node:22-bookworm-slim AS build
RUN groupadd --system app && useradd --system --gid app --home-dir /app app
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --chown=app:app . .
RUN mkdir -p /app/data && chown app:app /app/data
USER app
VOLUME /app/data
EXPOSE 8080
CMD ["node", "server.mjs"]

FROM gcr.io/distroless/nodejs22-debian13:nonroot
COPY --from=build --chown=nonroot:nonroot /app /app
WORKDIR /app
USER nonroot
VOLUME /app/data
EXPOSE 8080
CMD ["server.mjs"]
