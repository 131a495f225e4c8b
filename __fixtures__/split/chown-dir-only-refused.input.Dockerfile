# why: chown node:node /srv/app (no -R) gives node the directory only, and COPY . . puts root's files in it: a COPY --chown of /srv/app would give node every file (its code included), so the split refuses naming the chown (review 7)
FROM node:22-bookworm-slim
RUN mkdir /srv/app && chown node:node /srv/app
WORKDIR /srv/app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
CMD ["node", "server.js"]
