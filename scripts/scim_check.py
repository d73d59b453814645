"""Runs the SCIM compliance checker scim2-tester (RFC 7643 / 7644) against a running SCIM
endpoint over HTTP, for Users and Groups, and prints its summary: the number of checks by
status, then every check that did not pass.

    .venv/bin/python -m scripts.scim_check http://127.0.0.1:8000/scim/v2 kzscim_...

`make scim-check` starts a stack of its own and runs it there (tests/e2e/test_scim_compliance.py).
The exit status is 1 when a check failed (ERROR or CRITICAL)."""
from __future__ import annotations

import collections
import sys

import httpx2
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

FAILED = {Status.ERROR, Status.CRITICAL}
PASSED = {Status.SUCCESS, Status.COMPLIANT, Status.ACCEPTABLE}


def run(url: str, token: str) -> list:
    """scim2-tester's results (CheckResult) for Users and Groups."""
    http = httpx2.Client(base_url=url, headers={"Authorization": f"Bearer {token}"},
                         timeout=30)
    with http:
        return check_server(SyncSCIMClient(http), resource_types=["User", "Group"])


def summary(results: list) -> str:
    counts = collections.Counter(r.status.name for r in results)
    passed = sum(1 for r in results if r.status in PASSED)
    failed = [r for r in results if r.status in FAILED]
    lines = [f"scim2-tester: {len(results)} checks, {passed} passed, {len(failed)} failed, "
             + ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))]
    lines += [f"  {r.status.name} {r.title}: {r.reason}" for r in results
              if r.status not in PASSED]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    results = run(*argv)
    print(summary(results))
    return 1 if any(r.status in FAILED for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
