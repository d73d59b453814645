"""A short, reproducible pass of generated GraphQL operations (tests/support/fuzz.py) on the
session's stack, signed in as a demo employee: one operation per root field, valid input
and input the schema refuses taking turns, with a fixed seed and derandomized. None may
answer with status 5xx or an internal error. The long pass, also as an admin, on a stack
of its own: `make fuzz`."""
from __future__ import annotations

from tests.support.fuzz import fuzz, report

FUZZER = "viktor.petrov@kaizen.example"  # an employee no other test signs in as


def test_generated_operations_get_no_server_or_internal_error(stack):
    tally = fuzz(stack.url, stack.token(FUZZER), examples=1, at_seed=15, derandomize=True,
                 alternate=True)
    assert tally.operations >= 100
    assert tally.server_errors == [], report(tally.server_errors)
    assert tally.internal_errors == [], report(tally.internal_errors)
