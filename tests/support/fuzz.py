"""Generated GraphQL operations against a running gateway, and what they got back.

schemathesis reads gateway/schema.graphql (the file `make schema` keeps equal to the code,
so no introspection is needed) and hypothesis-graphql generates, for every root field of
Query and Mutation, operations that select random sub-fields with random arguments:
valid ones (POSITIVE) and ones the schema refuses (NEGATIVE: a missing required argument,
a string for an Int, ...). Each is POSTed as it is, signed in as one person. Query fields
come first, and every id their answers hold joins a pool that ID arguments draw from about
as often as from random strings, so later operations (the mutations above all) reach real
ideas, experiments, people... and not only their NotFound answers. What counts as a
finding:

* a response with status 5xx, or none within the timeout;
* an internal error: a GraphQL error the gateway masked ("Unexpected error."), or one with
  a path (raised while executing) that carries no code of ours (gateway/errors.py). Bad
  input must get a ValidationError (or another typed answer) or a GraphQL validation error,
  which is raised before execution and so has no path.

`make fuzz` (scripts/fuzz.py) runs it long on a throwaway stack; tests/e2e/test_fuzz.py runs
a short, derandomized pass on the test session's stack."""
from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.graphql import from_path, nodes, scalar

from shared.settings import ROOT

SCHEMA = ROOT / "gateway" / "schema.graphql"
MASKED = "Unexpected error."
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


@dataclass(frozen=True)
class Finding:
    field: str  # Query.ideas, Mutation.submitIdea, ...
    status: int
    message: str
    query: str


@dataclass
class Tally:
    operations: int = 0
    seconds: float = 0.0
    server_errors: list[Finding] = field(default_factory=list)
    internal_errors: list[Finding] = field(default_factory=list)
    by_status: dict[int, int] = field(default_factory=dict)
    by_answer: dict[str, int] = field(default_factory=dict)  # GraphQL error codes

    def add(self, other: Tally) -> Tally:
        self.operations += other.operations
        self.seconds += other.seconds
        self.server_errors += other.server_errors
        self.internal_errors += other.internal_errors
        for status, n in other.by_status.items():
            self.by_status[status] = self.by_status.get(status, 0) + n
        for answer, n in other.by_answer.items():
            self.by_answer[answer] = self.by_answer.get(answer, 0) + n
        return self

    def count(self, status: int, body: object) -> None:
        self.operations += 1
        self.by_status[status] = self.by_status.get(status, 0) + 1
        for answer in answers(body):
            self.by_answer[answer] = self.by_answer.get(answer, 0) + 1

    def summary(self) -> str:
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(self.by_status.items()))
        common = sorted(self.by_answer.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
        answered = ", ".join(f"{a}: {n}" for a, n in common)
        return (f"{self.operations} operations in {self.seconds:.0f} s (status {statuses}; "
                f"errors by code {answered}); {len(self.server_errors)} with status "
                f"5xx, {len(self.internal_errors)} internal errors")


def answers(body: object) -> list[str]:
    """The code of each GraphQL error of an answer (GRAPHQL_VALIDATION for one raised before
    execution: no path; typed user errors in `data` are answers, not errors)."""
    if not isinstance(body, dict):
        return []
    return [(e.get("extensions") or {}).get("code")
            or ("GRAPHQL_VALIDATION" if not e.get("path") else "NO_CODE")
            for e in body.get("errors") or []]


def internal_messages(status: int, body: object) -> list[str]:
    """The errors of one answer that are internal (see the module's docstring)."""
    if not isinstance(body, dict):
        return [f"not a GraphQL answer (status {status})"]
    found = []
    for error in body.get("errors") or []:
        message = error.get("message", "")
        code = (error.get("extensions") or {}).get("code")
        if message == MASKED or (error.get("path") and not code):
            found.append(message)
    return found


class IdPool:
    """The ids seen in answers so far, in the order first seen (so a derandomized run on the
    same data draws the same ones)."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self._seen: set[str] = set()

    def harvest(self, value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, str) and (key == "id" or key.endswith("Id")):
                    self._add(item)
                else:
                    self.harvest(item)
        elif isinstance(value, list):
            for item in value:
                self.harvest(item)

    def _add(self, value: str) -> None:
        if value not in self._seen:
            self._seen.add(value)
            self.ids.append(value)

    def strategy(self) -> st.SearchStrategy:
        """A known id (while there is one) or a random string, as a GraphQL string node."""
        known = st.integers(min_value=0).map(
            lambda i: self.ids[i % len(self.ids)] if self.ids else "")
        return st.one_of(known, st.text(max_size=40)).map(nodes.String)


def operations(fields: set[str] | None = None) -> Iterator:
    """schemathesis' operations of the schema file: one per root field, Query then
    Mutation, in the schema's order (subscriptions are websockets: not here)."""
    schema = from_path(SCHEMA)
    for result in schema.get_all_operations():
        operation = result.ok()
        if fields is None or operation.label in fields:
            yield operation


def send(client: httpx.Client, token: str, query: str) -> tuple[int, object]:
    try:
        response = client.post("/graphql", json={"query": query},
                               headers={"authorization": f"Bearer {token}"})
    except httpx.TimeoutException:
        return 504, None  # no answer in time counts as a server error
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, None


def fuzz_operation(client: httpx.Client, token: str, operation, mode: GenerationMode,
                   examples: int, at_seed: int, derandomize: bool, pool: IdPool) -> Tally:
    tally = Tally()

    @seed(at_seed)
    @settings(max_examples=examples, derandomize=derandomize, database=None, deadline=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(mode))
    def run(case) -> None:
        status, body = send(client, token, case.body)
        tally.count(status, body)
        if isinstance(body, dict):
            pool.harvest(body.get("data"))
        if status >= 500:
            tally.server_errors.append(Finding(operation.label, status, str(body)[:300],
                                               case.body))
        for message in internal_messages(status, body) if status < 500 else []:
            tally.internal_errors.append(Finding(operation.label, status, message, case.body))

    run()
    return tally


def fuzz(url: str, token: str, examples: int, at_seed: int = 15, derandomize: bool = False,
         fields: set[str] | None = None, alternate: bool = False, timeout: float = 60,
         progress=None) -> Tally:
    """`examples` generated operations per root field and mode, signed in with `token`;
    `alternate`: one mode per field, valid and invalid input taking turns."""
    total = Tally()
    started = time.monotonic()
    pool = IdPool()
    scalar("ID", pool.strategy())  # schemathesis' registry: read when a case is drawn
    with httpx.Client(base_url=url, timeout=timeout) as client:
        for index, operation in enumerate(operations(fields)):
            for mode in (MODES[index % 2],) if alternate else MODES:
                tally = fuzz_operation(client, token, operation, mode, examples, at_seed,
                                       derandomize, pool)
                total.add(tally)
                if progress:
                    progress(operation.label, mode, tally)
    total.seconds = time.monotonic() - started
    return total


def report(findings: list[Finding], most: int = 10) -> str:
    """The distinct findings (field and message), each with one query that shows it."""
    seen: dict[tuple[str, str], Finding] = {}
    for f in findings:
        seen.setdefault((f.field, f.message), f)
    return "\n".join(f"- {f.field} [{f.status}] {f.message}\n{f.query}"
                     for f in list(seen.values())[:most])
