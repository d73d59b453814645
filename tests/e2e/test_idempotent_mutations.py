"""No write doubled, through the real gateway and broker, on SQLite and PostgreSQL: a
mutation retried with the same idempotency key (the `Idempotency-Key` header or
`clientMutationId`) answers the first result and stores nothing twice; keys are per
caller; two requests at once with one key make one idea."""
from __future__ import annotations

import threading
import uuid

import pytest

from tests.support.stack import start_stack, stop_stack

SUBMIT = """mutation($input: SubmitIdeaInput!, $key: String) {
  submitIdea(input: $input, clientMutationId: $key) {
    __typename ... on Idea { id title } ... on UserError { message }
    ... on ValidationError { field } } }"""
COUNT = "query($search: String) { ideas(filter: {search: $search}) { totalCount } }"
ANA, BEN = "ana.silva@kaizen.example", "ben.okafor@kaizen.example"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres",
                                                               marks=pytest.mark.postgres)])
def small_stack(request):
    """career and ideas only; on PostgreSQL both databases are PostgreSQL ones."""
    env = {"KAIZEN_SERVICES": "career,ideas"}
    if request.param == "postgres":
        cluster = request.getfixturevalue("pg_cluster")
        env |= {f"KAIZEN_{s.upper()}_DB_URL": cluster.create_database()
                for s in ("career", "ideas")}
    running = start_stack(**env)
    yield running
    stop_stack(running)


def submit(stack, token: str, title: str, header: str | None = None,
           key: str | None = None) -> dict:
    headers = {"idempotency-key": header} if header else {}
    response = stack.graphql(SUBMIT, {"input": {"title": title}, "key": key}, token, headers)
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["submitIdea"]


def ideas_titled(stack, token: str, title: str) -> int:
    return stack.gql(COUNT, {"search": title}, token)["ideas"]["totalCount"]


def unique_title() -> str:
    return f"Label the drawers {uuid.uuid4().hex[:10]}"


def test_a_retry_with_the_same_header_makes_one_idea(small_stack):
    token, title, key = small_stack.token(ANA), unique_title(), str(uuid.uuid4())
    first = submit(small_stack, token, title, header=key)
    assert first["__typename"] == "Idea"
    assert submit(small_stack, token, title, header=key) == first
    assert ideas_titled(small_stack, token, title) == 1


def test_a_retry_with_the_same_client_mutation_id_makes_one_idea(small_stack):
    token, title, key = small_stack.token(ANA), unique_title(), str(uuid.uuid4())
    first = submit(small_stack, token, title, key=key)
    assert submit(small_stack, token, title, key=key) == first
    assert submit(small_stack, token, title, header=key, key=key) == first  # both, agreeing
    assert ideas_titled(small_stack, token, title) == 1


def test_another_persons_same_key_is_their_own(small_stack):
    title, key = unique_title(), str(uuid.uuid4())
    ana = submit(small_stack, small_stack.token(ANA), title, header=key)
    ben = submit(small_stack, small_stack.token(BEN), title, header=key)
    assert ana["__typename"] == ben["__typename"] == "Idea" and ana["id"] != ben["id"]
    assert ideas_titled(small_stack, small_stack.token(ANA), title) == 2


def test_the_same_key_for_other_input_is_refused_naming_client_mutation_id(small_stack):
    token, key = small_stack.token(ANA), str(uuid.uuid4())
    submit(small_stack, token, unique_title(), key=key)
    other = unique_title()
    refused = submit(small_stack, token, other, key=key)
    assert refused["__typename"] == "ValidationError"
    assert refused["field"] == "clientMutationId"
    assert ideas_titled(small_stack, token, other) == 0


def test_header_and_client_mutation_id_must_agree(small_stack):
    token, title = small_stack.token(ANA), unique_title()
    refused = submit(small_stack, token, title, header="one", key="two")
    assert refused["__typename"] == "ValidationError"
    assert refused["field"] == "clientMutationId"
    assert ideas_titled(small_stack, token, title) == 0


def test_two_requests_at_once_with_one_key_make_one_idea(small_stack):
    token, title, key = small_stack.token(ANA), unique_title(), str(uuid.uuid4())
    start = threading.Barrier(4, timeout=30)
    answers: list[dict] = []

    def send():
        start.wait()
        answers.append(submit(small_stack, token, title, header=key))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(answers) == 4 and all(a == answers[0] for a in answers)
    assert answers[0]["__typename"] == "Idea"
    assert ideas_titled(small_stack, token, title) == 1


TOKEN = """mutation($key: String) {
  createApiToken(input: {name: "Line 3 board", scopes: [READ]}, clientMutationId: $key) {
    __typename ... on CreatedApiToken { secret } ... on ValidationError { field message } } }"""


def test_a_token_made_with_a_key_is_made_once_and_its_secret_never_answered_again(
        small_stack):
    token, key = small_stack.token(ANA), str(uuid.uuid4())
    made = small_stack.gql(TOKEN, {"key": key}, token)["createApiToken"]
    assert made["__typename"] == "CreatedApiToken" and made["secret"]
    again = small_stack.gql(TOKEN, {"key": key}, token)["createApiToken"]
    assert again["__typename"] == "ValidationError" and again["field"] == "clientMutationId"
    assert made["secret"] not in str(again)
    mine = small_stack.gql("{ myApiTokens { name } }", token=token)["myApiTokens"]
    assert [t["name"] for t in mine].count("Line 3 board") == 1
