# One image for both roles: the API (default CMD) and the Temporal worker
# (`node dist/worker/main.js`). Shipping the same bytes to both guarantees the
# API starts workflows with exactly the types and search attributes the worker
# that runs them was built with.
#
# No BuildKit-only syntax (cache mounts, heredocs): Debian's docker-compose 1.29
# builds with the classic builder unless DOCKER_BUILDKIT=1 is set.

# Node 22 LTS (maintained to 2027-04-30), by exact tag: a rebuild gets the same runtime.
FROM node:22.21.1-bookworm-slim AS build
WORKDIR /app

# Lockfile first, so the dependency layer is reused until package*.json change.
COPY package.json package-lock.json ./
RUN npm ci

COPY . .
# tsc into dist/, then the pre-bundled workflow code (dist/workflow-bundle.js):
# a worker that bundles at start-up needs webpack and several seconds per boot.
# The `test -f` lines fail the build here rather than the container at start.
# Git keeps no empty folders, so mkdir guarantees the path the runtime copies.
RUN npm run build \
 && test -f dist/workflow-bundle.js \
 && test -f dist/api/main.js \
 && test -f dist/worker/main.js \
 && mkdir -p db/migrations


FROM node:22.21.1-bookworm-slim AS runtime
# Workflow code must see UTC: local-time getters and Intl in the workflow
# sandbox follow the host time zone, and replay on another host must agree.
ENV TZ=UTC \
    NODE_ENV=production
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev \
 && npm cache clean --force

# Files stay root-owned and so read-only to the process: a compromised API
# cannot rewrite its own code or the migrations.
COPY --from=build /app/dist ./dist
COPY --from=build /app/db ./db
# Static files the console and the API reference serve beside their compiled modules.
COPY --from=build /app/console/client ./dist/console/client
COPY --from=build /app/api/reference ./dist/api/reference

# The node image ships an unprivileged `node` user (uid 1000).
USER node

# 3000: the API; 3001: the worker's readiness and metrics (WORKER_PORT).
EXPOSE 3000 3001

# Slim images have no curl; Node has fetch. Readiness of the API role (PostgreSQL and Temporal
# reachable, search attributes registered); compose gives the worker its own check on WORKER_PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.API_PORT || 3000) + '/health/ready', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/api/main.js"]
