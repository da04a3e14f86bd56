# syntax=docker/dockerfile:1
#
# One image for the bot, the worker and the dashboard; docker-compose.yml picks
# the process with its `command` (node apps/<app>/bin/tgstats-<app>.js).
#
# The apps run their TypeScript sources through tsx, a production dependency
# (the same way `npm start` and the tests run them), so there is no build output:
# the final stage holds the sources and production dependencies only. Measured
# on the worker: ~0.4 s longer start-up and ~80 MB more resident memory than a
# precompiled bundle; worth a build step once that matters.
#
#   docker build -t tgstats .
#   docker run --rm --env-file .env tgstats node apps/worker/bin/tgstats-worker.js

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Every dependency (dev included), to typecheck the sources the image is made of.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Manifests first: the install layer is rebuilt only when dependencies change.
COPY package.json package-lock.json ./
COPY packages/engine/package.json packages/engine/
COPY packages/charts/package.json packages/charts/
COPY packages/platform/package.json packages/platform/
COPY packages/sandbox/package.json packages/sandbox/
COPY apps/bot/package.json apps/bot/
COPY apps/cli/package.json apps/cli/
COPY apps/dashboard/package.json apps/dashboard/
COPY apps/worker/package.json apps/worker/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run typecheck

# 2. Production dependencies only (tsx included: the apps run through it).
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
# Taken from the build stage, so the image is never built from sources that failed the typecheck.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/packages/engine/package.json packages/engine/
COPY --from=build /app/packages/charts/package.json packages/charts/
COPY --from=build /app/packages/platform/package.json packages/platform/
COPY --from=build /app/packages/sandbox/package.json packages/sandbox/
COPY --from=build /app/apps/bot/package.json apps/bot/
COPY --from=build /app/apps/cli/package.json apps/cli/
COPY --from=build /app/apps/dashboard/package.json apps/dashboard/
COPY --from=build /app/apps/worker/package.json apps/worker/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. What runs: production dependencies, the sources, a non-root user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps /app ./
# tsx transpiles with the project's compiler options (class fields, import elision), as in the tests.
COPY tsconfig.json ./
COPY packages ./packages
COPY apps ./apps
# The `node` user (uid 1000) of the official image; tsx caches its transforms in /tmp.
USER node
# Ops server of the worker (/metrics, /healthz, /readyz) and the dashboard.
EXPOSE 9101 3000
CMD ["node", "apps/worker/bin/tgstats-worker.js"]
