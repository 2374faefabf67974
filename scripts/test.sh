#!/usr/bin/env bash
# Runs every check: type-check, lint, each package's unit tests, then the end-to-end tests in
# Debian's Chromium against a freshly started portal. Sets up the toolchain on first use.
# The last line counts the tests that ran: "tests: N passed, N failed".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
ensure_chromium
ensure_helm

reports="$ROOT/.cache/test-reports"
rm -rf "$reports" && mkdir -p "$reports"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "type-check"
yarn tsc

step "lint"
yarn lint:all

step "unit and integration tests"
# The backend's migrations also run against the local PostgreSQL when one answers.
if ensure_postgres; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING-postgresql://postgres@127.0.0.1:5432/test}
else
  echo "PostgreSQL on 127.0.0.1:5432 is not available: database tests run on SQLite only." >&2
fi
unit_status=0
CI=true yarn test --json --outputFile="$reports/unit.json" || unit_status=$?

step "end-to-end tests (Chromium)"
e2e_status=0
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" yarn test:e2e || e2e_status=$?

node "$ROOT/scripts/summarize-tests.js" "$reports/unit.json" "$reports/e2e.json"
exit $((unit_status || e2e_status))
