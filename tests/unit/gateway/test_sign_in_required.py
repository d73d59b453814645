"""Signed out, every root field is refused before any service is called: a mutation answers
PermissionDeniedError in its result union, a query fails with an UNAUTHENTICATED error."""
from __future__ import annotations

import asyncio

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    GraphQLUnionType,
    build_schema,
    get_named_type,
    is_leaf_type,
)
from graphql.pyutils import Undefined

from gateway.errors import SIGN_IN_FIRST
from gateway.export_schema import sdl
from gateway.loaders import request_context
from gateway.schema import schema

GRAPHQL = build_schema(sdl())
SCALARS = {"ID": '"x1"', "String": '"text"', "Int": "1", "Float": "1.5", "Boolean": "true",
           "Date": '"2024-05-01"', "DateTime": '"2024-05-01T08:00:00+00:00"'}


def literal(type_) -> str:
    """A GraphQL literal of the type with every required input field filled in."""
    if isinstance(type_, GraphQLNonNull):
        return literal(type_.of_type)
    if isinstance(type_, GraphQLList):
        return f"[{literal(type_.of_type)}]"
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLScalarType):
        return SCALARS[type_.name]
    assert isinstance(type_, GraphQLInputObjectType)
    fields = [f"{name}: {literal(f.type)}" for name, f in type_.fields.items()
              if isinstance(f.type, GraphQLNonNull) and f.default_value is Undefined]
    return "{" + ", ".join(fields) + "}"


def call(name: str, field) -> str:
    args = [f"{arg}: {literal(a.type)}" for arg, a in field.args.items()
            if isinstance(a.type, GraphQLNonNull)]
    selection = "" if is_leaf_type(get_named_type(field.type)) else " { __typename }"
    if isinstance(get_named_type(field.type), GraphQLUnionType):
        selection = " { __typename ... on UserError { message } }"
    return f"{name}({', '.join(args)}){selection}" if args else f"{name}{selection}"


class NoServices:
    """Fails the test on any call: a signed-out request must not reach a service."""

    async def call(self, service, method, *args, **kwargs):
        raise AssertionError(f"{service}.{method} was called for a signed-out request")


def execute(document: str):
    context = request_context(NoServices(), None)
    return asyncio.run(schema.execute(document, context_value=context))


@pytest.mark.parametrize("name", sorted(GRAPHQL.mutation_type.fields))
def test_a_signed_out_mutation_answers_permission_denied(name):
    result = execute("mutation { " + call(name, GRAPHQL.mutation_type.fields[name]) + " }")
    assert result.errors is None, result.errors
    assert result.data[name] == {"__typename": "PermissionDeniedError",
                                 "message": SIGN_IN_FIRST}


@pytest.mark.parametrize("name", sorted(GRAPHQL.query_type.fields))
def test_a_signed_out_query_fails_unauthenticated(name):
    result = execute("query { " + call(name, GRAPHQL.query_type.fields[name]) + " }")
    assert [e.message for e in result.errors] == [SIGN_IN_FIRST]
    assert result.errors[0].extensions == {"code": "UNAUTHENTICATED"}
    assert result.errors[0].path == [name]
