# syntax=docker/dockerfile:1
#
# One image for the bot, the worker and the dashboard; docker-compose.yml picks
# the process with its `command` (node apps/<app>/bin/tgstats-<app>.js).
#
# The build stage compiles every workspace to JavaScript (`npm ci` runs the
# `prepare` build, scripts/build.mjs) and typechecks; the final stage holds the
# compiled `dist/` folders, the launchers and production dependencies only: no
# TypeScript sources, no TypeScript compiler, no tsx.
#
#   docker build -t tgstats .
#   docker run --rm --env-file .env tgstats node apps/worker/bin/tgstats-worker.js

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Every dependency (dev included): build the sources and typecheck them.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Manifests first: the install layer is rebuilt only when dependencies change.
COPY package.json package-lock.json ./
COPY packages/engine/package.json packages/engine/
COPY packages/charts/package.json packages/charts/
COPY packages/platform/package.json packages/platform/
COPY packages/report-html/package.json packages/report-html/
COPY packages/sandbox/package.json packages/sandbox/
COPY apps/bot/package.json apps/bot/
COPY apps/cli/package.json apps/cli/
COPY apps/dashboard/package.json apps/dashboard/
COPY apps/worker/package.json apps/worker/
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build && npm run typecheck
# What the final stage runs, gathered in one folder: each workspace's manifest,
# compiled output and launchers, and the launchers' shared loader.
RUN mkdir -p /out/scripts && cp scripts/import-built.js /out/scripts/ \
 && for ws in packages/* apps/*; do \
      mkdir -p "/out/$ws" && cp -r "$ws/package.json" "$ws/dist" "/out/$ws/" \
      && if [ -d "$ws/bin" ]; then cp -r "$ws/bin" "/out/$ws/"; fi; \
    done

# 2. Production dependencies only. Install scripts are skipped: the root's
# `prepare` needs the dev tools, and the native add-ons here ship prebuilt binaries.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
# Taken from the build stage, so the image is never built from sources that failed the typecheck.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/packages/engine/package.json packages/engine/
COPY --from=build /app/packages/charts/package.json packages/charts/
COPY --from=build /app/packages/platform/package.json packages/platform/
COPY --from=build /app/packages/report-html/package.json packages/report-html/
COPY --from=build /app/packages/sandbox/package.json packages/sandbox/
COPY --from=build /app/apps/bot/package.json apps/bot/
COPY --from=build /app/apps/cli/package.json apps/cli/
COPY --from=build /app/apps/dashboard/package.json apps/dashboard/
COPY --from=build /app/apps/worker/package.json apps/worker/
# TypeScript comes along as an optional peer of valibot (types only, never loaded at run time).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force \
 && rm -rf node_modules/typescript node_modules/.bin/tsc node_modules/.bin/tsserver

# 3. What runs: production dependencies, the compiled output, a non-root user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
# SERVICE_NODE_FLAGS of packages/platform/src/service/launchers.ts: a 4 MB young
# generation keeps ~8 MB less resident in each idle bot and worker.
ENV NODE_OPTIONS=--max-semi-space-size=4
WORKDIR /app
COPY --from=prod-deps /app ./
COPY --from=build /out ./
# The `node` user (uid 1000) of the official image.
USER node
# Ops server of the worker (/metrics, /healthz, /readyz) and the dashboard.
EXPOSE 9101 3000
CMD ["node", "apps/worker/bin/tgstats-worker.js"]
