# why: WORKDIR $APP_HOME takes the ENV value, as Docker substitutes it (on node:22-bookworm, which has the curl its HEALTHCHECK runs)
FROM node:22-bookworm AS build
ENV APP_HOME=/opt/notify
WORKDIR $APP_HOME
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
HEALTHCHECK --interval=15s CMD ["curl", "-f", "http://127.0.0.1:3000/ping"]
EXPOSE 3000
CMD ["node", "lib/index.js"]

FROM gcr.io/distroless/nodejs22-debian13:nonroot
WORKDIR /opt/notify
COPY --from=build /opt/notify /opt/notify
ENV APP_HOME=/opt/notify
USER 1000:1000
HEALTHCHECK --interval=15s CMD ["/nodejs/bin/node", "-e", "fetch(\"http://127.0.0.1:3000/ping\",{redirect:'manual'}).then(r=>process.exit(r.status<400?0:1),()=>process.exit(1))"]
EXPOSE 3000
CMD ["lib/index.js"]
