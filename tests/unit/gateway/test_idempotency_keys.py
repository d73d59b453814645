"""Every mutation takes `clientMutationId` (or the `Idempotency-Key` header), sends it with
its one RPC, and answers ServiceUnavailableError when the service cannot be reached."""
from __future__ import annotations

import asyncio

import pytest
from graphql import get_named_type

from gateway.loaders import request_context
from gateway.rpc import ServiceUnavailable
from gateway.schema import schema
from shared.identity import Identity
from tests.unit.gateway.test_sign_in_required import GRAPHQL, call

ANA = Identity("p-ana", ("employee",))
SUBMIT = 'mutation($key: String) { submitIdea(input: {title: "Label drawers"}, ' \
         'clientMutationId: $key) { __typename ... on UserError { message } ' \
         '... on ValidationError { field } } }'


class Request:
    def __init__(self, headers: dict):
        self.headers = headers


class Unavailable:
    """Every service is down; records what each call carried."""

    def __init__(self):
        self.keys: list[str | None] = []

    async def call(self, service, method, *args, idempotency_key=None, **kwargs):
        self.keys.append(idempotency_key)
        raise ServiceUnavailable(f"{service} did not answer in time", service)


def execute(document: str, headers: dict | None = None, variables: dict | None = None,
            rpc=None):
    context = request_context(rpc or Unavailable(), ANA, Request(headers or {}))
    return asyncio.run(schema.execute(document, variable_values=variables,
                                      context_value=context))


@pytest.mark.parametrize("name", sorted(GRAPHQL.mutation_type.fields))
def test_every_mutation_takes_a_key_and_may_answer_service_unavailable(name):
    field = GRAPHQL.mutation_type.fields[name]
    assert "clientMutationId" in field.args
    members = {t.name for t in get_named_type(field.type).types}
    assert {"ServiceUnavailableError", "ValidationError"} <= members
    document = ("mutation { " + call(name, field).replace(
        "... on UserError { message }",
        "... on UserError { message } ... on ServiceUnavailableError { retryAfterSeconds }")
        + " }")
    result = execute(document)
    assert result.errors is None, result.errors
    answer = result.data[name]
    if answer["__typename"] == "ValidationError":  # refused by the gateway, before any call
        return
    assert answer["__typename"] == "ServiceUnavailableError", answer
    assert answer["retryAfterSeconds"] == 5
    assert answer["message"].endswith("is unavailable right now")


def test_the_header_or_the_argument_is_the_key_sent_with_the_call():
    rpc = Unavailable()
    execute(SUBMIT, {"idempotency-key": "k-header"}, rpc=rpc)
    execute(SUBMIT, {}, {"key": "k-arg"}, rpc=rpc)
    execute(SUBMIT, {"idempotency-key": "k-both"}, {"key": "k-both"}, rpc=rpc)
    execute(SUBMIT, rpc=rpc)
    assert rpc.keys == ["k-header", "k-arg", "k-both", None]


def test_header_and_argument_must_agree():
    rpc = Unavailable()
    result = execute(SUBMIT, {"idempotency-key": "one"}, {"key": "two"}, rpc=rpc)
    answer = result.data["submitIdea"]
    assert answer["__typename"] == "ValidationError" and answer["field"] == "clientMutationId"
    assert "Idempotency-Key" in answer["message"]
    assert rpc.keys == []


@pytest.mark.parametrize("key", ["", "x" * 256, "line\nbreak"])
def test_a_malformed_key_is_refused_naming_the_field(key):
    result = execute(SUBMIT, variables={"key": key})
    answer = result.data["submitIdea"]
    assert answer["__typename"] == "ValidationError" and answer["field"] == "clientMutationId"


def test_a_header_on_several_mutations_keys_each_by_its_name():
    rpc = Unavailable()
    document = ('mutation { a: voteIdea(id: "i1") { __typename } '
                'b: voteIdea(id: "i2") { __typename } }')
    execute(document, {"idempotency-key": "k"}, rpc=rpc)
    assert rpc.keys == ["k/a", "k/b"]
