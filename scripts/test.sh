#!/usr/bin/env bash
# Runs every check: type-check, lint, API reports and changesets, each package's unit tests,
# the published packages installed from their tarballs, then the end-to-end tests in Debian's
# Chromium against a freshly started portal. Sets up the toolchain on first use.
# The last line counts the tests that ran: "tests: N passed, N failed".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
ensure_chromium
ensure_helm

reports="$ROOT/.cache/test-reports"
rm -rf "$reports" && mkdir -p "$reports"

# Each step says how long the run has taken so far, so that slow steps show in the log.
started=$SECONDS
step() { printf '\n\033[1m== [%ds] %s\033[0m\n' "$((SECONDS - started))" "$*"; }

step "type-check"
# From scratch: declarations emitted incrementally can order inferred (zod) members differently,
# and the API reports below are compared with ones generated from a full build.
rm -rf "$ROOT/dist-types"
yarn tsc

step "lint"
yarn lint:all

step "API reports and changesets"
# A public API that differs from its checked-in report.api.md, a report with warnings or an
# invalid changeset fails the run, after the tests.
release_status=0
yarn build:api-reports:only --ci || release_status=$?
yarn changeset status || release_status=$?

step "unit and integration tests"
# The backend's migrations also run against the local PostgreSQL when one answers.
if ensure_postgres; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING-postgresql://postgres@127.0.0.1:5432/test}
else
  echo "PostgreSQL on 127.0.0.1:5432 is not available: database tests run on SQLite only." >&2
fi
unit_status=0
CI=true yarn test --json --outputFile="$reports/unit.json" || unit_status=$?

step "workspace tests (set-up scripts; packages built, packed and installed with npm outside the workspace; sign-in conformance of the rendered chart)"
packed_status=0
CI=true yarn jest --config test/jest.config.js --json --outputFile="$reports/workspace.json" || packed_status=$?

step "end-to-end tests (Chromium)"
e2e_status=0
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" yarn test:e2e || e2e_status=$?

step "done"
node "$ROOT/scripts/summarize-tests.js" --jest unit "$reports/unit.json" \
  --jest workspace "$reports/workspace.json" --playwright e2e "$reports/e2e.json"
exit $((release_status || unit_status || packed_status || e2e_status))
