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
# node_modules follows package-lock.json: a pulled change of the lock installs again
locked=$(sha256sum package-lock.json | cut -c1-64)
if [ "$(cat node_modules/.lock-hash 2>/dev/null)" != "$locked" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$locked" > node_modules/.lock-hash
fi
npm run build --silent
echo "$hash" > "$stamp"
echo "portal: built"
