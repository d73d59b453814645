"""Where a gateway read spends its time, piece by piece, in this process (bench_rpc's split).

Each piece of ``idea(id)`` is timed alone: verifying the bearer JWT, signing a service token
(and the cached one of shared.tokens.ServiceTokens), parsing and validating the query,
strawberry's execution of it over an RPC client that answers at once with the real idea
(with and without the parser and validation caches), the hop to the RPC thread pool and
back, and serialising the response. The HTTP server and the broker are what is left of the
end-to-end difference.
"""
from __future__ import annotations

import asyncio
import json
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from graphql import parse, validate

from gateway.auth import TokenVerifier, issue_dev_token
from gateway.loaders import request_context
from gateway.schema import build_schema
from shared.identity import Identity, context_for
from shared.settings import AuthSettings
from shared.tokens import ServiceTokens
from shared.verify import Verifier

ROUNDS = 2000
QUERY = "query($id: ID!) { idea(id: $id) { id title } }"


class AnsweringRpc:
    """An RPC client whose services answer at once with fixed answers (no broker)."""

    def __init__(self, answers: dict[tuple[str, str], Callable]):
        self.answers = answers

    async def call(self, service: str, method: str, *args, **_options):
        return self.answers[(service, method)](*args)


def per_call_us(call: Callable[[], object], rounds: int = ROUNDS) -> float:
    for _ in range(rounds // 10):
        call()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1e6


def async_per_call_us(make: Callable[[], object], rounds: int = ROUNDS) -> float:
    async def measure() -> float:
        for _ in range(rounds // 10):
            await make()
        samples = []
        for _ in range(rounds):
            started = time.perf_counter()
            await make()
            samples.append(time.perf_counter() - started)
        return statistics.median(samples) * 1e6
    return asyncio.run(measure())


def split(person: dict, idea_dto: dict) -> list[dict]:
    settings = AuthSettings.from_env()
    token = issue_dev_token(person, settings)
    verifier = TokenVerifier(settings)
    identity = Identity(person["id"], tuple(person["roles"]), person.get("team"))
    tokens = ServiceTokens()
    signed, service_side = tokens.token_for(identity, "ideas"), Verifier("ideas")
    rpc = AnsweringRpc({("ideas", "get_ideas"): lambda ids: [idea_dto for _ in ids]})
    variables = {"id": idea_dto["id"]}
    cached, uncached = build_schema(), build_schema(document_cache=None)
    document = parse(QUERY)

    def execute(schema) -> Callable[[], object]:
        async def run():
            result = await schema.execute(QUERY, variable_values=variables,
                                          context_value=request_context(rpc, identity))
            assert not result.errors, result.errors
            return result
        return run

    executor = ThreadPoolExecutor(4)

    async def hop():
        await asyncio.get_running_loop().run_in_executor(executor, lambda: None)

    answer = {"data": {"idea": {"id": idea_dto["id"], "title": idea_dto["title"]}}}
    rows = [
        ("JWT verification (HS256)", per_call_us(lambda: verifier.verify(token))),
        ("service token signed per call (Ed25519)",
         per_call_us(lambda: context_for(identity, "ideas", "gateway"))),
        ("service token reused (ServiceTokens)",
         per_call_us(lambda: tokens.context_for(identity, "ideas"))),
        ("service token verified by the service, first time",
         per_call_us(lambda: service_side._decode(signed))),
        ("service token verified by the service, reused",
         per_call_us(lambda: service_side.verify(signed, "get_ideas"))),
        ("GraphQL parse", per_call_us(lambda: parse(QUERY))),
        ("GraphQL validate", per_call_us(lambda: validate(cached._schema, document))),
        ("strawberry execute, no document caches", async_per_call_us(execute(uncached))),
        ("strawberry execute, parser + validation caches", async_per_call_us(execute(cached))),
        ("thread hop to the RPC pool and back", async_per_call_us(hop)),
        ("response serialisation (json)", per_call_us(lambda: json.dumps(answer).encode())),
    ]
    executor.shutdown()
    return [{"name": f"gateway split: {name}", "median_us": round(us, 1)} for name, us in rows]
