#!/usr/bin/env bash
# The whole suite: the static checks (scripts/checks.sh: ruff, the portal's type check and
# formatter check), then two pytest runs: integration tests under eventlet (`nameko test`, as
# nameko 2.14 recommends), everything else under plain pytest. Prints one total at the end, in
# which each check counts as one test; any failure makes the exit status non-zero.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore::DeprecationWarning}
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
AMQP="amqp://guest:guest@127.0.0.1:${KAIZEN_AMQP_PORT:-5672}/"
MGMT="http://guest:guest@127.0.0.1:${KAIZEN_RABBIT_MGMT_PORT:-15672}"
REPORTS=var/test-reports
rm -rf "$REPORTS"; mkdir -p "$REPORTS"
NAMEKO_OPTS=(--amqp-uri "$AMQP" --rabbit-ctl-uri "$MGMT" --suppress-nameko-eventlet-notification)

started_rabbit=0
if ! scripts/rabbit.sh status >/dev/null 2>&1; then scripts/rabbit.sh start; started_rabbit=1; fi

status=0
scripts/checks.sh "$REPORTS" || status=$?
"$VENV/bin/nameko" test tests/integration "${NAMEKO_OPTS[@]}" -q \
  --junitxml "$REPORTS/integration.xml" "$@" || { s=$?; [ $status -eq 0 ] && status=$s; }
"$VENV/bin/pytest" tests --ignore tests/integration "${NAMEKO_OPTS[@]}" -q \
  --junitxml "$REPORTS/rest.xml" "$@" || { s=$?; [ $status -eq 0 ] && status=$s; }

"$VENV/bin/python" - "$REPORTS" <<'PY'
import sys, pathlib, xml.etree.ElementTree as ET
totals = dict(tests=0, failures=0, errors=0, skipped=0)
for report in pathlib.Path(sys.argv[1]).glob("*.xml"):
    for suite in ET.parse(report).getroot().iter("testsuite"):
        for key in totals:
            totals[key] += int(suite.get(key, 0))
failed = totals["failures"] + totals["errors"]
checks = sorted(p.stem.removeprefix("check-")
                for p in pathlib.Path(sys.argv[1]).glob("check-*.xml")
                if ET.parse(p).getroot().find(".//failure") is not None)
if checks:
    print(f"\nFAILED checks (see their output above): {', '.join(checks)}")
passed = totals["tests"] - failed - totals["skipped"]
print(f"\nkaizen total: {passed} passed, {failed} failed, {totals['skipped']} skipped")
PY
[ $started_rabbit -eq 1 ] && scripts/rabbit.sh stop
exit $status
