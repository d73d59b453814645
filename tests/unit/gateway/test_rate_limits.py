"""Per-person rate limits (gateway.ratelimits): a token bucket per person and kind of call,
on every root field; a mutation answers RateLimitedError in its union, a query an error with
code RATE_LIMITED; both say when to try again, and nothing reaches the service."""
from __future__ import annotations

import asyncio

import pytest
from graphql import GraphQLUnionType, get_named_type

from gateway.loaders import request_context
from gateway.ratelimits import MODEL, MUTATION, READ, Rate, RateLimit, RateLimits, rates_from_env
from gateway.schema import Mutation, Query, build_schema
from shared.identity import Identity

ANA = Identity("ana", ("employee",), "Assembly")
BEN = Identity("ben", ("employee",), "Assembly")


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Insights:
    def __init__(self):
        self.calls = 0

    async def call(self, service, method, *args, **kwargs):
        self.calls += 1
        return [] if method == "similar_ideas" else {"id": "i1"}


def limits(clock=None, burst=3, per_minute=30) -> RateLimits:
    rate = Rate(burst, per_minute)
    return RateLimits({MODEL: rate, MUTATION: rate, READ: rate}, clock or Clock())


def test_a_bucket_answers_its_burst_then_says_when_a_token_is_back():
    clock = Clock()
    buckets = limits(clock)
    assert [buckets.take("ana", MODEL) for _ in range(4)] == [0, 0, 0, 2]  # 30 a minute
    clock.now += 1
    assert buckets.take("ana", MODEL) == 1
    clock.now += 1
    assert buckets.take("ana", MODEL) == 0


def test_buckets_are_per_person_and_per_kind_and_refill_only_to_the_burst():
    clock = Clock()
    buckets = limits(clock)
    for _ in range(3):
        buckets.take("ana", MODEL)
    assert buckets.take("ana", MODEL) > 0
    assert buckets.take("ben", MODEL) == 0
    assert buckets.take("ana", READ) == 0
    clock.now += 3600
    assert [buckets.take("ana", MODEL) for _ in range(4)] == [0, 0, 0, 2]


def test_every_root_field_takes_from_the_bucket_of_its_kind():
    kinds = {f.python_name: [e.kind for e in f.extensions if isinstance(e, RateLimit)]
             for f in Query.__strawberry_definition__.fields}
    assert kinds["similar_ideas"] == kinds["similar_experiments"] == [MODEL]
    assert kinds["recommended_opportunities"] == kinds["suggested_mentors"] == [MODEL]
    assert kinds["ideas"] == kinds["me"] == [READ]
    assert all(len(k) == 1 for k in kinds.values())
    assert {e.kind for f in Mutation.__strawberry_definition__.fields for e in f.extensions
            if isinstance(e, RateLimit)} == {MUTATION}


def test_every_mutation_can_answer_rate_limited_error():
    schema = build_schema()._schema
    for name, field in schema.mutation_type.fields.items():
        union = get_named_type(field.type)
        assert isinstance(union, GraphQLUnionType), name
        assert "RateLimitedError" in {t.name for t in union.types}, name


def run(query: str, buckets: RateLimits, rpc, identity=ANA):
    return asyncio.run(build_schema().execute(
        query, context_value=request_context(rpc, identity, rate_limits=buckets)))


SIMILAR = '{ similarIdeas(text: "Label the chargers") { score } }'
VOTE = """mutation { voteIdea(id: "i1") { __typename
  ... on RateLimitedError { message retryAfterSeconds } } }"""


def test_a_query_over_the_limit_is_an_error_with_code_and_retry_after_and_no_call():
    rpc, buckets = Insights(), limits(burst=2)
    answers = [run(SIMILAR, buckets, rpc) for _ in range(3)]
    assert [a.errors for a in answers[:2]] == [None, None] and rpc.calls == 2
    (error,) = answers[2].errors
    assert error.extensions == {"code": "RATE_LIMITED", "retryAfterSeconds": 2}
    assert error.message == "too many calls: try again in 2 s"
    assert answers[2].data is None
    assert run(SIMILAR, buckets, rpc, identity=BEN).errors is None  # another person


def test_a_mutation_over_the_limit_answers_rate_limited_error_in_its_union():
    rpc, buckets = Insights(), limits(burst=0, per_minute=6)
    answer = run(VOTE, buckets, rpc)
    assert answer.errors is None and rpc.calls == 0
    assert answer.data["voteIdea"] == {"__typename": "RateLimitedError",
                                       "message": "too many calls: try again in 10 s",
                                       "retryAfterSeconds": 10}


def test_signed_out_calls_are_refused_as_such_and_limits_can_be_off(monkeypatch):
    rpc, buckets = Insights(), limits(burst=0)
    assert run(SIMILAR, buckets, rpc, identity=None).errors[0].extensions["code"] == \
        "UNAUTHENTICATED"
    assert run(SIMILAR, None, rpc).errors is None
    monkeypatch.setenv("KAIZEN_RATE_LIMITS", "0")
    assert rates_from_env() is None


@pytest.mark.parametrize("kind", [MODEL, MUTATION, READ])
def test_rates_come_from_the_environment(monkeypatch, kind):
    monkeypatch.setenv(f"KAIZEN_RATE_{kind.upper()}_BURST", "7")
    monkeypatch.setenv(f"KAIZEN_RATE_{kind.upper()}_PER_MINUTE", "12")
    assert rates_from_env()[kind] == Rate(7, 12.0)
