"""`make fuzz`: generated GraphQL operations (tests/support/fuzz.py) against a throwaway stack
of its own (own vhost, databases, ports; stopped at the end), signed in as a demo employee
and then as an admin. Prints the figures and every distinct finding; exits 1 on any.

    python -m scripts.fuzz [--examples 4] [--seed 15] [--as ana.silva@kaizen.example ...]
                           [--url http://127.0.0.1:8000]  (a running stack with dev login)

`--examples` is per root field and generation mode (valid and invalid input), per person:
4 gives about 125 x 2 x 4 = 1,000 operations for each person."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from tests.support.fuzz import Tally, fuzz, report
from tests.support.stack import Stack, start_stack, stop_stack

PEOPLE = ("ana.silva@kaizen.example", "dev.patel@kaizen.example")  # an employee, an admin


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=4)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--as", dest="people", action="append", default=None)
    parser.add_argument("--url", help="a running stack (KAIZEN_DEV_LOGIN=1) instead of a new one")
    parser.add_argument("--verbose", action="store_true", help="a line per field and mode")
    args = parser.parse_args(argv)
    started = time.monotonic()
    # every operation reaches the services: the rate limits are tested on their own
    os.environ.setdefault("KAIZEN_RATE_LIMITS", "0")
    stack = Stack(url=args.url, amqp_uri="", var_dir=Path(), env={}) if args.url else start_stack()
    print(f"stack up at {stack.url} in {time.monotonic() - started:.0f} s", flush=True)
    total = Tally()
    try:
        for email in args.people or PEOPLE:
            def progress(label, mode, tally):
                if args.verbose:
                    print(f"  {label} {mode.value}: {tally.summary()}", flush=True)
            tally = fuzz(stack.url, stack.token(email), args.examples, args.seed,
                         progress=progress)
            print(f"as {email}: {tally.summary()}", flush=True)
            total.add(tally)
    finally:
        if not args.url:
            stop_stack(stack)
    print(f"total: {total.summary()}")
    if total.server_errors:
        print("responses with status 5xx:\n" + report(total.server_errors))
    if total.internal_errors:
        print("internal errors:\n" + report(total.internal_errors, most=40))
    return 1 if total.server_errors or total.internal_errors else 0


if __name__ == "__main__":
    sys.exit(main())
