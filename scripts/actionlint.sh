#!/usr/bin/env bash
# Checks the GitHub workflows (.github/workflows/*.yml) with the actionlint that scripts/setup.sh
# pinned into .tools/bin. actionlint also runs shellcheck on `run:` blocks when shellcheck is on
# PATH (GitHub's runners have it).
# Without actionlint (set-up found no Go): an error in CI (CI set), a warning elsewhere.
# Usage: bash scripts/actionlint.sh [actionlint options]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ACTIONLINT="$ROOT/.tools/bin/actionlint"

if [ ! -x "$ACTIONLINT" ]; then
  why="actionlint is unavailable ($ACTIONLINT is missing: install Go 1.25+ and run 'npm run setup')"
  case "${CI:-}" in
    ''|false|0)
      echo "actionlint: warning: $why; the GitHub workflows were NOT checked" >&2
      exit 0 ;;
    *)
      echo "actionlint: error: $why" >&2
      exit 1 ;;
  esac
fi

"$ACTIONLINT" "$@"
version="$("$ACTIONLINT" -version)"
echo "actionlint ${version%%$'\n'*}: GitHub workflows clean"
