"""The ideas service on a real broker, against SQLite and PostgreSQL, given a call context
with an idempotency key as the gateway sends it: one idea per (caller, key), however often
and however concurrently the call comes; a key meant for another call is not its own."""
from __future__ import annotations

import pytest
from nameko.standalone.rpc import ClusterRpcProxy
from nameko.testing.services import entrypoint_hook

from services.ideas.models import IDEMPOTENCY_KEYS, Idea
from services.ideas.service import IdeasService
from shared import idempotency
from tests.support.identities import ANA, BEN
from tests.support.services import as_user, count

SUBMIT = {"title": "Shadow board for the torque wrenches"}


@pytest.fixture
def busy_ideas(container_factory, rabbit_config, make_db):
    """The service with 20 workers, so 20 requests really are handled at the same time."""
    url = make_db("ideas")
    config = {**rabbit_config, "max_workers": 20, "DB_URIS": {"ideas": url}}
    container = container_factory(IdeasService, config)
    container.start()
    return container, url, config


def keyed(identity, key: str, operation: str = "ideas.submit_idea") -> dict:
    return {**as_user(identity, "ideas"), **idempotency.context_data(key, operation)}


def submit(container, context: dict) -> dict:
    with entrypoint_hook(container, "submit_idea", context_data=context) as hook:
        return hook(SUBMIT)


def test_a_retry_with_the_key_answers_the_first_idea(busy_ideas):
    container, url, _ = busy_ideas
    first = submit(container, keyed(ANA, "k1"))
    assert submit(container, keyed(ANA, "k1")) == first
    assert submit(container, keyed(BEN, "k1"))["id"] != first["id"]  # Ben's own key
    assert count(url, Idea.__table__) == 2 and count(url, IDEMPOTENCY_KEYS) == 2


def test_a_key_for_another_call_is_not_this_ones(busy_ideas):
    container, url, _ = busy_ideas
    context = keyed(ANA, "k1", operation="growth.turn_problem_into_idea")  # passed onwards
    assert submit(container, context)["id"] != submit(container, context)["id"]
    assert count(url, IDEMPOTENCY_KEYS) == 0


def test_twenty_concurrent_calls_with_one_key_make_one_idea(busy_ideas):
    container, url, config = busy_ideas
    with ClusterRpcProxy(config, context_data=keyed(ANA, "k-burst")) as cluster:
        pending = [cluster.ideas.submit_idea.call_async(SUBMIT) for _ in range(20)]
        answers = [reply.result() for reply in pending]
    assert len({a["id"] for a in answers}) == 1
    assert count(url, Idea.__table__) == 1 and count(url, IDEMPOTENCY_KEYS) == 1
