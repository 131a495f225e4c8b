# why: WORKDIR $APP_HOME takes the ENV value, as Docker substitutes it (on node:22-bookworm, which has the curl its HEALTHCHECK runs)
FROM node:22-bookworm
ENV APP_HOME=/opt/notify
WORKDIR $APP_HOME
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
HEALTHCHECK --interval=15s CMD ["curl", "-f", "http://127.0.0.1:3000/ping"]
EXPOSE 3000
CMD ["node", "lib/index.js"]
