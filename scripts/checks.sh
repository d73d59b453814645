#!/usr/bin/env bash
# The static checks: ruff over the Python code, the portal's type check (tsc) and its
# formatter check (prettier). Runs them all, prints each one's verdict, exits non-zero when any
# failed. With a directory argument it also writes one JUnit report per check there, so that
# scripts/test.sh counts them in its total.
set -uo pipefail
cd "$(dirname "$0")/.."
REPORTS=${1:-}
[ -z "$REPORTS" ] || mkdir -p "$REPORTS"
failed=()

report() {  # NAME SECONDS OUTPUT-FILE [FAILED]
  [ -n "$REPORTS" ] || return 0
  local failure=""
  if [ -n "${4:-}" ]; then
    failure="<failure message=\"$1 failed\"><![CDATA[$(tail -c 20000 "$3" | tr -d '\000-\010\013\014\016-\037' | sed 's/]]>/]] >/g')]]></failure>"
  fi
  printf '<?xml version="1.0" encoding="utf-8"?>\n<testsuites><testsuite name="checks" tests="1" failures="%d" errors="0" skipped="0" time="%s"><testcase classname="checks" name="%s" time="%s">%s</testcase></testsuite></testsuites>\n' \
    "$([ -n "${4:-}" ] && echo 1 || echo 0)" "$2" "$1" "$2" "$failure" > "$REPORTS/check-$1.xml"
}

check() {  # NAME COMMAND...
  local name=$1 out start
  shift
  out=$(mktemp)
  start=$SECONDS
  if "$@" >"$out" 2>&1; then
    echo "check $name: ok"
    report "$name" $((SECONDS - start)) "$out"
  else
    echo "check $name: FAILED ($*)"
    sed 's/^/  | /' "$out"
    failed+=("$name")
    report "$name" $((SECONDS - start)) "$out" failed
  fi
  rm -f "$out"
}

check ruff .venv/bin/ruff check .
if [ -f portal/package.json ]; then
  [ -d portal/node_modules ] || (cd portal && npm ci --no-audit --no-fund --loglevel=error)
  check portal-typecheck npm --prefix portal run --silent typecheck
  check portal-format npm --prefix portal run --silent lint
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "checks FAILED: ${failed[*]}"
  exit 1
fi
