#!/usr/bin/env bash
# Build the dashboard (src/newsevents/web/static/) from the locked npm packages.
# --check: rebuild and fail if the committed bundle differs (for CI).
set -euo pipefail
web="$(cd "$(dirname "$0")/../src/newsevents/web" && pwd)"
cd "$web"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
if [[ "${1:-}" == "--check" ]]; then
  if ! git diff --quiet -- static || [[ -n "$(git ls-files --others --exclude-standard -- static)" ]]; then
    echo "src/newsevents/web/static is out of date: run tools/build_web.sh and commit the result" >&2
    git status --short -- static >&2
    exit 1
  fi
fi
