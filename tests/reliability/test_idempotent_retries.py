"""A mutation during an outage answers ServiceUnavailableError (with retryAfterSeconds),
and the client's retry with the same Idempotency-Key after recovery stores the idea once.

The outage is this stack's own: its vhost refuses connections (a connection limit of 0)
and every open one is closed, so the gateway and the services lose the broker while the
other stacks on the node go on. The lost answer is the ideas service held (SIGSTOP) after
it received the request: it commits after the gateway gave up, and the retry gets that
first idea back."""
from __future__ import annotations

import os
import signal
import time
import uuid
from urllib.parse import quote

import httpx
import pytest

from tests.reliability.test_broker_connection_loss import AUTH, drop_connections
from tests.support.stack import MGMT, start_stack, stop_stack

SUBMIT = """mutation($input: SubmitIdeaInput!) { submitIdea(input: $input) {
  __typename ... on Idea { id title } ... on UserError { message }
  ... on ServiceUnavailableError { retryAfterSeconds } } }"""
COUNT = "query($search: String) { ideas(filter: {search: $search}) { totalCount } }"
ANA = "ana.silva@kaizen.example"
RPC_TIMEOUT = 4  # seconds the gateway waits for an answer in this stack


@pytest.fixture(scope="module")
def small_stack():
    running = start_stack(KAIZEN_SERVICES="career,ideas", KAIZEN_RPC_TIMEOUT=str(RPC_TIMEOUT))
    yield running
    stop_stack(running)


def submit(stack, token: str, title: str, key: str) -> dict:
    response = stack.graphql(SUBMIT, {"input": {"title": title}}, token,
                             {"idempotency-key": key})
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["submitIdea"]


def retry_until_done(stack, token: str, title: str, key: str, seconds: float = 90) -> dict:
    """What a client does: the same key again after each ServiceUnavailableError."""
    deadline = time.monotonic() + seconds
    while True:
        answer = submit(stack, token, title, key)
        if answer["__typename"] != "ServiceUnavailableError" or time.monotonic() > deadline:
            return answer
        time.sleep(min(answer["retryAfterSeconds"], 2))


def ideas_titled(stack, token: str, title: str) -> int:
    return stack.gql(COUNT, {"search": title}, token)["ideas"]["totalCount"]


def set_connection_limit(vhost: str, limit: int | None) -> None:
    url = f"{MGMT}/api/vhost-limits/{quote(vhost, safe='')}/max-connections"
    if limit is None:
        httpx.delete(url, auth=AUTH, timeout=10).raise_for_status()
    else:
        httpx.put(url, json={"value": limit}, auth=AUTH, timeout=10).raise_for_status()


def test_a_mutation_during_a_broker_outage_answers_unavailable_and_its_retry_writes_once(
        small_stack):
    token, title, key = small_stack.token(ANA), f"Outage idea {uuid.uuid4().hex[:8]}", "k-out"
    vhost = small_stack.env["KAIZEN_VHOST"]
    set_connection_limit(vhost, 0)
    try:
        drop_connections(vhost)
        answer = submit(small_stack, token, title, key)
    finally:
        set_connection_limit(vhost, None)
    assert answer["__typename"] == "ServiceUnavailableError", answer
    assert answer["retryAfterSeconds"] > 0 and "unavailable" in answer["message"]
    first = retry_until_done(small_stack, token, title, key)
    assert first["__typename"] == "Idea", first
    assert submit(small_stack, token, title, key) == first
    assert ideas_titled(small_stack, token, title) == 1


def test_a_retry_after_a_lost_answer_gets_the_first_idea(small_stack):
    token, title, key = small_stack.token(ANA), f"Lost answer {uuid.uuid4().hex[:8]}", "k-lost"
    ideas = int((small_stack.var_dir / "run" / "ideas.pid").read_text())
    os.kill(ideas, signal.SIGSTOP)  # it still receives the request, and answers too late
    try:
        answer = submit(small_stack, token, title, key)
    finally:
        os.kill(ideas, signal.SIGCONT)
    assert answer["__typename"] == "ServiceUnavailableError", answer
    deadline = time.monotonic() + 30
    while ideas_titled(small_stack, token, title) == 0 and time.monotonic() < deadline:
        time.sleep(0.5)  # the held request commits once the service runs again
    assert ideas_titled(small_stack, token, title) == 1
    first = retry_until_done(small_stack, token, title, key)
    assert first["__typename"] == "Idea" and first["title"] == title
    assert submit(small_stack, token, title, key) == first
    assert ideas_titled(small_stack, token, title) == 1
