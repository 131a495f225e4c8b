# why: "WORKDIR app" follows "WORKDIR /srv" in the same stage, so it resolves to /srv/app on any base; the :nonroot tag (implied by USER 1000:1000) changes nothing there, so both WORKDIR lines stay as written and no WORKDIR / is inserted
FROM node:22-bookworm-slim AS build
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .

FROM gcr.io/distroless/nodejs22-debian13:nonroot
WORKDIR /srv
COPY --from=build --chown=1000:1000 /usr/src/app/config ./config
WORKDIR app
COPY --from=build --chown=1000:1000 /usr/src/app ./
USER 1000:1000
EXPOSE 8080
CMD ["index.js", "--config", "/srv/config/production.json"]
