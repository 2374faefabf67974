#!/usr/bin/env bash
# Starts the backend as in production: app-config.yaml, then app-config.production.yaml, then any
# further `--config <file>` given here, with NODE_ENV=production (Entra ID sign-in, no guest).
# Reads the environment variables listed in README.md ("Production"). Sets up the toolchain on
# first use and builds the frontend, which the backend serves, when packages/app/dist is missing.
# SKIP_SETUP=1 skips both, for callers that have done them (the backend's test of this script).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ "${SKIP_SETUP:-}" != 1 ]]; then
  source scripts/toolchain.sh
  if [[ ! -f packages/app/dist/index.html ]]; then
    log "building the frontend into packages/app/dist (once)"
    yarn workspace app build >&2
  fi
fi

export NODE_ENV=production
# The backend runs from its TypeScript sources through Backstage's Node transform: a bundle
# (yarn build:backend) would also need its own production install of the dependencies.
# Relative paths in the configuration (catalog locations, files) start at the repository root.
# instrumentation.js exports the metrics for Prometheus on :9464 (README.md, "Metrics").
exec node -r @backstage/cli/config/nodeTransform.cjs -r ./packages/backend/src/instrumentation.js \
  packages/backend/src/index.ts \
  --config app-config.yaml --config app-config.production.yaml "$@"
