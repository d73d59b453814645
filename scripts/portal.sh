#!/usr/bin/env bash
# Builds the portal (portal/dist) when its sources changed since the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f portal/package.json ] || { echo "portal: no sources yet, nothing to build"; exit 0; }
cd portal
stamp=dist/.build-hash
hash=$(find src index.html package.json package-lock.json vite.config.* tsconfig*.json \
  ../gateway/schema.graphql -type f 2>/dev/null | sort | xargs sha256sum | sha256sum | cut -c1-64)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then echo "portal: up to date"; exit 0; fi
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
echo "$hash" > "$stamp"
echo "portal: built"
