"""The gateway parses and validates a query text once (strawberry's ParserCache and
ValidationCache), and a cached document is still held to every limit and rule: the same
refusals, the same answers, request after request."""
from __future__ import annotations

import asyncio

from strawberry.extensions import ParserCache, ValidationCache
from strawberry.extensions.parser_cache import _get_parse_cache
from strawberry.extensions.validation_cache import _get_validate_cache

from gateway import schema as schema_module
from gateway.loaders import request_context
from gateway.schema import DOCUMENT_CACHE, MAX_DEPTH, build_schema
from shared.identity import Identity

ANA = Identity("ana", ("employee",), "Assembly")
STAMP = "2026-01-01T00:00:00+00:00"
IDEA = "query($id: ID!) { idea(id: $id) { id title } }"


class Ideas:
    async def call(self, service, method, *args, **kwargs):
        assert (service, method) == ("ideas", "get_ideas")
        return [{"id": key, "title": f"Idea {key}", "problem": "", "proposal": "",
                 "benefit": "", "tags": [], "status": "SUBMITTED", "author_id": "p1",
                 "vote_count": 0, "created_at": STAMP, "updated_at": STAMP} for key in args[0]]


def run(schema, query: str, **variables):
    return asyncio.run(schema.execute(query, variable_values=variables,
                                      context_value=request_context(Ideas(), ANA)))


def test_the_schema_keeps_parsed_and_validated_documents():
    made = [e() if callable(e) and not isinstance(e, type) else e
            for e in schema_module.schema.extensions]
    assert {ParserCache, ValidationCache} <= {type(e) for e in made}


def test_a_repeated_query_is_parsed_and_validated_once_and_answers_each_time():
    schema = build_schema()
    parsed, validated = _get_parse_cache(DOCUMENT_CACHE), _get_validate_cache(DOCUMENT_CACHE)
    query = IDEA + " # this test's own text"
    parse_hits, validate_hits = parsed.cache_info().hits, validated.cache_info().hits
    for key in ("i1", "i2", "i3"):
        result = run(schema, query, id=key)
        assert not result.errors and result.data == {"idea": {"id": key, "title": f"Idea {key}"}}
    assert parsed.cache_info().hits - parse_hits == 2
    assert validated.cache_info().hits - validate_hits == 2


def test_limits_and_rules_still_refuse_a_cached_document():
    schema = build_schema()
    nested = "theme { representativeIdea { " * 6 + "id" + " } }" * 6
    deep = '{ idea(id: "i1") { ' + nested + " } }"
    assert deep.count("{") > MAX_DEPTH
    unknown = "{ idea(id: \"i1\") { nosuchfield } }"
    for _ in range(3):
        refused = run(schema, deep)
        assert refused.errors and "exceeds maximum operation depth" in refused.errors[0].message
        invalid = run(schema, unknown)
        assert invalid.errors and "nosuchfield" in invalid.errors[0].message
