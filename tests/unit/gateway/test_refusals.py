"""Bad input is the caller's to fix, never an "Unexpected error." (what the fuzz pass,
tests/support/fuzz.py, found masked): every mutation that takes an argument can answer a
ValidationError (the services refuse, e.g., control characters in any text argument,
shared/entrypoints.py), and a read whose service answers NotFound or Conflict fails with
the service's message and a code, where no resolver turns it into null or a NotFoundError."""
from __future__ import annotations

import asyncio

import pytest
from graphql import build_schema, get_named_type

from gateway.export_schema import sdl
from gateway.loaders import request_context
from gateway.schema import schema
from shared.errors import Conflict, NotFound, ValidationError
from shared.identity import Identity

SDL = build_schema(sdl())
DEV = Identity("dev", ("employee", "admin"), "Platform")


class Refusing:
    """Every call is refused with `error`."""

    def __init__(self, error: Exception):
        self.error = error

    async def call(self, service, method, *args, identity=None, **kwargs):
        raise self.error


def run(services, query: str):
    return asyncio.run(schema.execute(query, context_value=request_context(services, DEV)))


def test_every_mutation_that_takes_an_argument_can_answer_a_validation_error():
    lacking = [name for name, field in SDL.mutation_type.fields.items() if field.args
               and "ValidationError" not in {t.name for t in get_named_type(field.type).types}]
    assert lacking == []


@pytest.mark.parametrize("mutation", ["revokeApiToken", "revokeProvisioningToken",
                                      "deleteReflection", "testChatChannel",
                                      "deleteChatChannel", "retryChatDelivery"])
def test_a_refused_id_answers_a_validation_error_naming_it(mutation):
    refusal = ValidationError("must not hold control characters", field="tokenId")
    result = run(Refusing(refusal), f'mutation {{ {mutation}(id: "a\\u0006b") {{ __typename '
                                    f'... on ValidationError {{ field message }} }} }}')
    assert result.errors is None, result.errors
    assert result.data[mutation] == {"__typename": "ValidationError", "field": "tokenId",
                                     "message": "tokenId: must not hold control characters"}


def test_a_read_of_something_missing_fails_with_the_services_words_and_not_found():
    result = run(Refusing(NotFound("no programme with id p-1")),
                 '{ programmeReport(programmeId: "p-1") { csv } }')
    [error] = result.errors
    assert error.message == "no programme with id p-1"
    assert error.extensions == {"code": "NOT_FOUND"}


def test_a_conflicting_read_fails_with_the_services_words_and_conflict():
    result = run(Refusing(Conflict("the programme is closed")),
                 '{ programmeReport(programmeId: "p-1") { csv } }')
    assert [(e.message, e.extensions) for e in result.errors] == [
        ("the programme is closed", {"code": "CONFLICT"})]


def test_reads_that_answer_null_or_not_found_for_a_missing_thing_still_do():
    missing = Refusing(NotFound("no such thing"))
    result = run(missing, '{ mentorship(id: "m-1") { id } skillGap(opportunityId: "o-1") '
                          '{ coverage } reflection(id: "r-1") { __typename '
                          '... on NotFoundError { message } } }')
    assert result.errors is None, result.errors
    assert result.data == {"mentorship": None, "skillGap": None, "reflection": {
        "__typename": "NotFoundError", "message": "no such thing"}}
