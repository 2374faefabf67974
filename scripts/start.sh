#!/usr/bin/env bash
# Starts the portal (frontend on :3000, backend on :7007) with the embedded defaults:
# SQLite in memory, guest sign-in and the local Entra sandbox. Sets up the toolchain on first use.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
exec yarn start "$@"
