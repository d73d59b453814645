#!/usr/bin/env bash
# The embedded OpenID provider (idp/, the npm package oidc-provider) on loopback, for make run
# and the test stack. Usage: scripts/idp.sh start|stop. Settings: KAIZEN_IDP_PORT (8090),
# KAIZEN_PORT (the portal it redirects back to), KAIZEN_VAR_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export KAIZEN_VAR_DIR=${KAIZEN_VAR_DIR:-$ROOT/var}
DIR=$KAIZEN_VAR_DIR/idp
PID=$KAIZEN_VAR_DIR/run/idp.pid
export KAIZEN_IDP_HOST=${KAIZEN_IDP_HOST:-127.0.0.1}
export KAIZEN_IDP_PORT=${KAIZEN_IDP_PORT:-8090}
export KAIZEN_IDP_ACCOUNTS=${KAIZEN_IDP_ACCOUNTS:-$DIR/accounts.json}
export KAIZEN_IDP_KEYS=${KAIZEN_IDP_KEYS:-$DIR/keys.json}
export KAIZEN_IDP_REDIRECT_URIS=${KAIZEN_IDP_REDIRECT_URIS:-http://${KAIZEN_HOST:-127.0.0.1}:${KAIZEN_PORT:-8000}/}
ISSUER="http://$KAIZEN_IDP_HOST:$KAIZEN_IDP_PORT"

alive() { [ -f "$PID" ] && kill -0 "$(cat "$PID")" 2>/dev/null && grep -q idp/server.js "/proc/$(cat "$PID")/cmdline"; }

start() {
  mkdir -p "$DIR" "$KAIZEN_VAR_DIR/run" "$KAIZEN_VAR_DIR/log"
  if alive; then echo "idp: already running"; return; fi
  [ -d idp/node_modules ] || (cd idp && npm ci --no-audit --no-fund --loglevel=error)
  [ -f "$KAIZEN_IDP_ACCOUNTS" ] || .venv/bin/python -m scripts.idp_accounts >"$KAIZEN_IDP_ACCOUNTS"
  nohup node idp/server.js >"$KAIZEN_VAR_DIR/log/idp.log" 2>&1 &
  echo $! >"$PID"
  for _ in $(seq 1 60); do
    curl -fs "$ISSUER/.well-known/openid-configuration" >/dev/null 2>&1 && return
    sleep 0.25
  done
  echo "the identity provider did not start: $(tail -5 "$KAIZEN_VAR_DIR/log/idp.log")" >&2
  exit 1
}

stop() {
  if alive; then kill -TERM "$(cat "$PID")"; echo "stopped idp ($(cat "$PID"))"; fi
  rm -f "$PID"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
