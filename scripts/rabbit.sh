#!/usr/bin/env bash
# Starts/stops a RabbitMQ node whose data and logs live under var/rabbitmq (KAIZEN_RABBIT_DIR:
# elsewhere, e.g. the fault suite's own node, with its own RABBITMQ_NODENAME and ports).
# Usage: scripts/rabbit.sh start|stop|stop-ours|status (stop-ours: only if `start` started it)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BASE="${KAIZEN_RABBIT_DIR:-$ROOT/var/rabbitmq}"
BIN=/usr/lib/rabbitmq/bin
export RABBITMQ_NODENAME="${RABBITMQ_NODENAME:-kaizen@localhost}"
export RABBITMQ_NODE_PORT="${KAIZEN_AMQP_PORT:-5672}"
export RABBITMQ_DIST_PORT="${KAIZEN_RABBIT_DIST_PORT:-25672}"
export RABBITMQ_MNESIA_BASE="$BASE/mnesia"
export RABBITMQ_LOG_BASE="$BASE/log"
export RABBITMQ_PID_FILE="$BASE/rabbit.pid"
export RABBITMQ_ENABLED_PLUGINS_FILE="$BASE/enabled_plugins"
export RABBITMQ_CONFIG_FILE="$BASE/rabbitmq"
export RABBITMQ_ADVANCED_CONFIG_FILE="$BASE/advanced.config"
export HOME="$BASE"   # the Erlang cookie lives with the node, not in root's home
export ERL_CRASH_DUMP="$BASE/log/erl_crash.dump"  # never in the working tree
MGMT_PORT="${KAIZEN_RABBIT_MGMT_PORT:-15672}"

ensure_installed() {
  if [ ! -x "$BIN/rabbitmq-server" ]; then
    echo "rabbitmq-server missing: installing the Debian package" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
  fi
}

running() { "$BIN/rabbitmqctl" -q status >/dev/null 2>&1; }

start() {
  ensure_installed
  mkdir -p "$BASE/mnesia" "$BASE/log"
  echo '[rabbitmq_management].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
  cat > "$BASE/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$RABBITMQ_NODE_PORT
management.tcp.port = $MGMT_PORT
management.tcp.ip = 127.0.0.1
loopback_users = none
CONF
  echo '[].' > "$RABBITMQ_ADVANCED_CONFIG_FILE"
  if running; then echo "rabbitmq: already running ($RABBITMQ_NODENAME)"; return; fi
  # Debian's postinst may leave a system node on the default ports; never touch it.
  "$BIN/rabbitmq-server" -detached >/dev/null 2>&1
  touch "$BASE/started-by-us"  # `stop-ours` stops only a node this script started
  "$BIN/rabbitmqctl" -q wait --timeout 60 "$RABBITMQ_PID_FILE" >/dev/null
  "$BIN/rabbitmqctl" -q await_startup >/dev/null
  for _ in $(seq 1 60); do
    curl -fsS -u guest:guest "http://127.0.0.1:$MGMT_PORT/api/overview" >/dev/null 2>&1 && break
    sleep 0.5
  done
  echo "rabbitmq: running ($RABBITMQ_NODENAME, amqp :$RABBITMQ_NODE_PORT, management :$MGMT_PORT)"
}

stop() {
  if running; then "$BIN/rabbitmqctl" -q stop "$RABBITMQ_PID_FILE" >/dev/null; echo "rabbitmq: stopped"; fi
  rm -f "$BASE/started-by-us"
}

stop_ours() {
  if [ -f "$BASE/started-by-us" ]; then stop; else echo "rabbitmq: left running (not started by make run)"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  stop-ours) stop_ours ;;
  status) running && echo running || { echo stopped; exit 1; } ;;
  *) echo "usage: $0 start|stop|stop-ours|status" >&2; exit 2 ;;
esac
