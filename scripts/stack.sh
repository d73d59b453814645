#!/usr/bin/env bash
# Starts/stops every service and the gateway, each recorded in a PID file under var/run.
# Usage: scripts/stack.sh start|stop|status|start-one NAME (start-one: a service or the gateway,
# as start launches it, e.g. after a test killed it; nothing else is started or migrated)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=$ROOT/.venv
export KAIZEN_VAR_DIR=${KAIZEN_VAR_DIR:-$ROOT/var}
RUN=$KAIZEN_VAR_DIR/run
LOG=$KAIZEN_VAR_DIR/log
export KAIZEN_HOST=${KAIZEN_HOST:-127.0.0.1}
export KAIZEN_PORT=${KAIZEN_PORT:-8000}
# The development token endpoint is for scripts and tests: KAIZEN_DEV_LOGIN=1 make run.
export KAIZEN_DEV_LOGIN=${KAIZEN_DEV_LOGIN:-0}
# Sign-in: the organisation's provider when KAIZEN_OIDC_ISSUER names one, else the embedded
# provider (scripts/idp.sh) on loopback, unless KAIZEN_IDP=0.
EMBEDDED_IDP=0
if [ -z "${KAIZEN_OIDC_ISSUER:-}" ] && [ "${KAIZEN_IDP:-1}" = 1 ]; then
  EMBEDDED_IDP=1
  export KAIZEN_IDP_PORT=${KAIZEN_IDP_PORT:-8090}
  export KAIZEN_OIDC_ISSUER="http://127.0.0.1:$KAIZEN_IDP_PORT"
  export KAIZEN_OIDC_CLIENT_ID=${KAIZEN_OIDC_CLIENT_ID:-kaizen-portal}
  export KAIZEN_IDP_CLIENT_ID=$KAIZEN_OIDC_CLIENT_ID
fi
export AMQP_URI=${AMQP_URI:-amqp://guest:guest@127.0.0.1:${KAIZEN_AMQP_PORT:-5672}/}
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore}
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
URL="http://$KAIZEN_HOST:$KAIZEN_PORT"
# Mail goes to a local catcher writing $KAIZEN_VAR_DIR/mail/*.eml; webhooks may be local.
export KAIZEN_SMTP_PORT=${KAIZEN_SMTP_PORT:-8025}
export KAIZEN_SMTP_URL=${KAIZEN_SMTP_URL:-smtp://127.0.0.1:$KAIZEN_SMTP_PORT}
export KAIZEN_WEBHOOK_ALLOW_PRIVATE=${KAIZEN_WEBHOOK_ALLOW_PRIVATE:-1}
export KAIZEN_PUBLIC_URL=${KAIZEN_PUBLIC_URL:-$URL}

services() { "$VENV/bin/python" -c 'from shared.settings import deployed_services as d; print(" ".join(d()))'; }

alive() {  # pid file -> true when its process is still the one we started
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1")
  kill -0 "$pid" 2>/dev/null && grep -qE 'nameko|uvicorn|mailcatcher|idp/server.js' "/proc/$pid/cmdline" 2>/dev/null
}

launch() {  # name, command...
  local name=$1; shift
  if alive "$RUN/$name.pid"; then echo "$name: already running"; return; fi
  nohup "$@" >>"$LOG/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
}

declare -A BROKER_URI  # per process: its own broker user (shared.broker_users)
broker_users() {  # KAIZEN_BROKER_USERS=0, or no management API: every process on AMQP_URI
  [ "${KAIZEN_BROKER_USERS:-1}" = 1 ] || return 0
  if ! "$VENV/bin/python" -m admin.cli broker users >/dev/null; then
    echo "broker users not set up (management API?): every process uses AMQP_URI" >&2
    return 0
  fi
  local name uri
  while read -r name uri; do BROKER_URI[$name]=$uri; done \
    < <("$VENV/bin/python" -m admin.cli broker uri gateway $(services))
}
uri_of() { echo "${BROKER_URI[$1]:-$AMQP_URI}"; }

launch_one() {  # a service or the gateway
  if [ "$1" = gateway ]; then
    AMQP_URI="$(uri_of gateway)" launch gateway "$VENV/bin/uvicorn" gateway.app:app \
      --host "$KAIZEN_HOST" --port "$KAIZEN_PORT" --no-access-log \
      --log-config config/gateway-logging.yaml
  else
    AMQP_URI="$(uri_of "$1")" launch "$1" \
      "$VENV/bin/nameko" run --config config/nameko.yaml "services.$1.service"
  fi
}

start_one() {
  [ -n "${1:-}" ] || { echo "usage: $0 start-one SERVICE|gateway" >&2; exit 2; }
  mkdir -p "$RUN" "$LOG"
  broker_users
  launch_one "$1"
}


start() {
  mkdir -p "$RUN" "$LOG"
  "$VENV/bin/python" -m shared.migrate >/dev/null
  "$VENV/bin/python" -m admin.cli keys ensure  # service-token keys under var/keys, once
  broker_users
  [ $EMBEDDED_IDP = 1 ] && scripts/idp.sh start
  launch mailcatcher "$VENV/bin/python" -m scripts.mailcatcher --port "$KAIZEN_SMTP_PORT" \
    --dir "$KAIZEN_VAR_DIR/mail"
  for s in $(services); do launch_one "$s"; done
  launch_one gateway
  for _ in $(seq 1 240); do
    curl -fs "$URL/healthz" >/dev/null 2>&1 && break
    sleep 0.5
  done
  if ! curl -fs "$URL/healthz" >/dev/null; then
    echo "Kaizen did not become healthy: $(curl -s "$URL/healthz")" >&2
    echo "logs: $LOG" >&2
    exit 1
  fi
  if [ "${KAIZEN_SEED:-1}" = 1 ]; then "$VENV/bin/python" -m scripts.seed; fi  # KAIZEN_SEED=0: empty
  cat <<MSG

Kaizen is running at $URL  (GraphQL: $URL/graphql, health: $URL/healthz)
Sign in: open $URL; the identity provider (${KAIZEN_OIDC_ISSUER:-none: KAIZEN_IDP=0}) asks for a demo
person's e-mail (e.g. ana.silva@kaizen.example) and the demo password kaizen-demo.
Scripts: KAIZEN_DEV_LOGIN=1 make run turns on the development token endpoint
  curl -s -X POST $URL/auth/dev-token -H 'content-type: application/json' \\
       -d '{"email": "ana.silva@kaizen.example"}'
and send the token as 'Authorization: Bearer <token>'. Mail (digests) is caught on
127.0.0.1:$KAIZEN_SMTP_PORT and written to $KAIZEN_VAR_DIR/mail/*.eml. Stop everything with: make stop
MSG
}

stop() {
  local f pid
  for f in "$RUN"/*.pid; do
    [ -e "$f" ] || continue
    if alive "$f"; then
      pid=$(cat "$f")
      kill -TERM "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      echo "stopped $(basename "$f" .pid) ($pid)"
    fi
    rm -f "$f"
  done
}

status() {
  local f
  for f in "$RUN"/*.pid; do
    [ -e "$f" ] || continue
    alive "$f" && echo "$(basename "$f" .pid): running ($(cat "$f"))" || echo "$(basename "$f" .pid): dead"
  done
  curl -s "$URL/healthz"; echo
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  start-one) start_one "${2:-}" ;;
  *) echo "usage: $0 start|stop|status|start-one NAME" >&2; exit 2 ;;
esac
