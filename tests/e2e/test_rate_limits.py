"""Per-person rate limits through a gateway of their own with small buckets (the shared
gateway keeps its defaults): the model-backed similarIdeas answered 40 of 40 calls in a burst
before; now a person's burst empties their bucket, the rest are refused saying when to try
again, another person is unaffected, and the bucket refills. A mutation answers
RateLimitedError in its union."""
from __future__ import annotations

import time

import pytest

from tests.support.gateways import gateway

ANA = "ana.silva@kaizen.example"
BEN = "ben.okafor@kaizen.example"
CARLA = "carla.meyer@kaizen.example"
PRIYA = "priya.nair@kaizen.example"
BURST = 5
SIMILAR = """query($text: String!) { similarIdeas(text: $text, first: 3) { score } }"""
VOTE = """mutation { voteIdea(id: "no-such-idea") { __typename
  ... on RateLimitedError { message retryAfterSeconds } } }"""


@pytest.fixture(scope="module")
def limited(stack):
    # 20 a minute: a token every 3 s, so a burst of calls cannot refill the bucket
    with gateway(stack, KAIZEN_RATE_MODEL_BURST=str(BURST), KAIZEN_RATE_MODEL_PER_MINUTE="20",
                 KAIZEN_RATE_MUTATION_BURST="3", KAIZEN_RATE_MUTATION_PER_MINUTE="20") as running:
        yield running


def similar(limited, token: str) -> dict:
    response = limited.graphql(SIMILAR, {"text": "A shadow board for the torque wrenches"},
                               token)
    assert response.status_code == 200
    return response.json()


def refusal(body: dict) -> dict | None:
    errors = body.get("errors") or []
    return errors[0]["extensions"] if errors else None


def test_a_burst_of_similar_ideas_is_refused_once_the_bucket_is_empty(stack, limited):
    ana, ben = stack.token(ANA), stack.token(BEN)
    answers = [similar(limited, ana) for _ in range(40)]
    assert all(refusal(a) is None for a in answers[:BURST])
    refused = [refusal(a) for a in answers[BURST:] if refusal(a)]
    assert len(refused) >= 30
    assert all(r["code"] == "RATE_LIMITED" and 1 <= r["retryAfterSeconds"] <= 3
               for r in refused)
    assert answers[-1]["errors"][0]["message"].startswith("too many calls: try again in")
    assert refusal(similar(limited, ben)) is None  # another person's bucket is full


def test_an_empty_bucket_refills(stack, limited):
    carla = stack.token(CARLA)
    for _ in range(BURST):
        assert refusal(similar(limited, carla)) is None
    wait = refusal(similar(limited, carla))["retryAfterSeconds"]
    time.sleep(wait)
    assert refusal(similar(limited, carla)) is None


def test_a_mutation_over_the_limit_answers_rate_limited_error(stack, limited):
    priya = stack.token(PRIYA)
    answers = [limited.graphql(VOTE, token=priya).json()["data"]["voteIdea"]
               for _ in range(4)]
    assert [a["__typename"] for a in answers] == ["NotFoundError"] * 3 + ["RateLimitedError"]
    assert answers[3]["retryAfterSeconds"] == 3
    assert answers[3]["message"] == "too many calls: try again in 3 s"
