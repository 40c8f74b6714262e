# One image for the three services. The command picks the service, for example
#   node -r ./deploy/runtime/register.js dist/services/session/src/main.js
# docker-compose.yml at the repository root runs all three with Kafka, MongoDB and Redis.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The image's npm (10.x) does not read the allowScripts field of package.json, so every install
# script is skipped and then only the packages that allowScripts sets to true are rebuilt.
RUN npm ci --ignore-scripts --no-audit --no-fund \
  && allowed="$(node -p "const a = require('./package.json').allowScripts || {}; \
       Object.keys(a).filter((name) => a[name] === true).join(' ')")" \
  && if [ -n "$allowed" ]; then npm rebuild $allowed; fi
COPY tsconfig.json tsconfig.build.json ./
COPY libs ./libs
COPY services ./services
COPY deploy ./deploy
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && allowed="$(node -p "const a = require('./package.json').allowScripts || {}; \
       Object.keys(a).filter((name) => a[name] === true).join(' ')")" \
  && if [ -n "$allowed" ]; then npm rebuild $allowed; fi \
  && npm cache clean --force
COPY --from=build /app/dist ./dist
# register.js maps the @vigil/* aliases from the paths of tsconfig.json to folders under dist/.
COPY tsconfig.json ./
COPY deploy/runtime/register.js ./deploy/runtime/register.js
# The scoring service finds its IP reputation lists beside package.json when IP_REPUTATION_DIR
# is not set.
COPY services/scoring/data ./services/scoring/data
USER node
CMD ["node", "-r", "./deploy/runtime/register.js", "dist/services/gateway/src/main.js"]
