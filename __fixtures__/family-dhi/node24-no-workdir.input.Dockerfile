# why: DHI node starts in /app; the old stage had no WORKDIR and ran in /, so WORKDIR / keeps the relative script path where it was (after USER 0, as the old stage ran as root)
FROM node:24 AS build
COPY package.json package-lock.json /src/
RUN cd /src && npm ci --omit=dev
COPY . /src

FROM node:24-slim
COPY --from=build /src /srv/app
CMD ["node", "srv/app/index.js"]
