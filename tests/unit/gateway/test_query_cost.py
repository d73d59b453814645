"""The query cost limit (gateway.cost): lists multiply what is selected inside them, by the
`first`/`limit` asked for (literal, variable or the schema's default); an operation over the
limit is refused before any resolver runs, with an error naming its cost and the limit; every
operation the portal sends fits well within the default."""
from __future__ import annotations

import asyncio
import re

from graphql import DocumentNode, FragmentDefinitionNode, OperationDefinitionNode, parse

from gateway.cost import DEFAULT_MAX_COST, operation_cost
from gateway.loaders import request_context
from gateway.schema import build_schema, schema
from shared.identity import Identity
from shared.settings import ROOT

ANA = Identity("ana", ("employee",), "Assembly")
CYCLE = ("theme(id: \"t1\") { ideas(first: 100) { theme { ideas(first: 100) { theme { "
         "ideas(first: 100) { id title } } } } } }")


def cost(query: str, **variables) -> int:
    return operation_cost(schema._schema, parse(query), None, variables)


class Recording:
    """An RPC client that records every call: a refused query makes none."""

    def __init__(self):
        self.calls = []

    async def call(self, service, method, *args, **kwargs):
        self.calls.append((service, method))
        return []  # no themes


def run(query: str, max_cost: int, **variables):
    rpc = Recording()
    result = asyncio.run(build_schema(max_cost=max_cost).execute(
        query, variable_values=variables, context_value=request_context(rpc, ANA)))
    return result, rpc.calls


def test_a_field_counts_once_for_each_object_a_list_can_hold():
    # ideas (1) + 20 (the default first) x (edges (1) + node (1) + id, title (2) + totalCount)
    assert cost("{ ideas { edges { node { id title } } totalCount } }") == 1 + 20 * 5
    assert cost("{ ideas(first: 3) { edges { node { id title } } } }") == 1 + 3 * 4
    assert cost("query($n: Int!) { ideas(first: $n) { edges { node { id } } } }", n=50) \
        == 1 + 50 * 3
    assert cost("{ themes(first: 2) { ideas(first: 4) { id } } }") == 1 + 2 * (1 + 4 * 1)


def test_fragments_and_aliases_count_what_they_select_and_typename_is_free():
    by_fragment = ("query { a: ideas(first: 2) { ...Page } b: ideas(first: 2) { ...Page } } "
                   "fragment Page on IdeaConnection { __typename edges { node { id } } }")
    assert cost(by_fragment) == 2 * (1 + 2 * 3)
    assert cost("{ ideas(first: 2) { edges { node { ... on Idea { id title } } } } }") \
        == 1 + 2 * 4


def test_the_theme_idea_cycle_costs_what_it_could_return():
    # theme, then three times ideas(first: 100) (each idea's theme between them)
    assert cost("{ " + CYCLE + " }") == 1 + (1 + 100 * (1 + (1 + 100 * (1 + (1 + 100 * 2)))))
    assert cost("{ " + CYCLE + " }") > DEFAULT_MAX_COST


def test_an_operation_over_the_limit_is_refused_before_it_runs_naming_cost_and_limit():
    result, calls = run("{ " + CYCLE + " }", max_cost=5000)
    assert calls == [] and result.data is None
    (error,) = result.errors
    spent = cost("{ " + CYCLE + " }")
    assert error.message.startswith(f"query cost {spent} is over the limit of 5000")
    assert error.extensions == {"code": "QUERY_TOO_COSTLY", "cost": spent, "limit": 5000}


def test_the_cost_of_a_variable_size_is_the_size_the_request_sends():
    query = "query($n: Int!) { themes(first: $n) { ideas(first: $n) { id } } }"
    refused, calls = run(query, max_cost=100, n=20)
    assert refused.errors[0].extensions["code"] == "QUERY_TOO_COSTLY" and calls == []
    answered, calls = run(query, max_cost=100, n=2)
    assert not answered.errors and calls


def portal_operations() -> list[DocumentNode]:
    texts = [text for source in (ROOT / "portal" / "src").rglob("*.ts*")
             for text in re.findall(r"graphql\(\s*`(.*?)`", source.read_text(), re.S)]
    definitions = [d for text in texts for d in parse(text).definitions]
    fragments = [d for d in definitions if isinstance(d, FragmentDefinitionNode)]
    return [DocumentNode(definitions=[d, *fragments]) for d in definitions
            if isinstance(d, OperationDefinitionNode)]


def test_every_portal_operation_costs_under_a_quarter_of_the_default_limit():
    operations = portal_operations()
    assert len(operations) > 50
    # every $first at the largest page the services allow
    costs = {o.definitions[0].name.value: operation_cost(schema._schema, o, None,
                                                         {"first": 100})
             for o in operations}
    assert max(costs.values()) < DEFAULT_MAX_COST / 4, sorted(costs.items(),
                                                              key=lambda c: -c[1])[:3]
