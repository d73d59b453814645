"""Unexpected errors are masked; deliberate public errors pass through with a code."""
from __future__ import annotations

import asyncio

import strawberry
from nameko.exceptions import RemoteError
from strawberry.extensions import MaskErrors

from gateway.errors import public_error, should_mask
from gateway.rpc import ServiceUnavailable
from shared.errors import PermissionDenied


@strawberry.type
class Query:
    @strawberry.field
    def leaky(self) -> str:
        raise RemoteError("OperationalError", "password=hunter2 at db.internal:5432")

    @strawberry.field
    def forbidden(self) -> str:
        raise public_error(PermissionDenied("only reviewers see this"))

    @strawberry.field
    def down(self) -> str:
        raise public_error(ServiceUnavailable("ideas did not answer in time", "ideas"))


SCHEMA = strawberry.Schema(query=Query, extensions=[MaskErrors(should_mask_error=should_mask)])


def run(query: str):
    return asyncio.run(SCHEMA.execute(query))


def test_an_unexpected_error_is_masked():
    result = run("{ leaky }")
    assert result.errors[0].message == "Unexpected error."
    assert "hunter2" not in str(result.errors[0].formatted)


def test_public_errors_keep_their_message_and_code():
    forbidden = run("{ forbidden }").errors[0]
    assert forbidden.message == "only reviewers see this"
    assert forbidden.extensions["code"] == "FORBIDDEN"
    assert run("{ down }").errors[0].extensions["code"] == "SERVICE_UNAVAILABLE"


def test_syntax_errors_are_not_masked():
    assert "Syntax Error" in run("{ leaky ").errors[0].message
