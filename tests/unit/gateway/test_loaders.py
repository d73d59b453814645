"""A page of ideas costs one call per related field, whatever its size, and the loaders hand
resolvers the owning domain's types (a lazily referenced type resolves to them)."""
from __future__ import annotations

import asyncio

import pytest

from gateway.loaders import request_context
from gateway.schema import schema
from shared.identity import Identity

ANA = Identity("ana", ("employee",), "Assembly")
STAMP = "2026-01-01T00:00:00+00:00"


def idea(n: int) -> dict:
    return {"id": f"i{n}", "title": f"Idea {n}", "problem": "", "proposal": "", "benefit": "",
            "tags": [], "status": "SUBMITTED", "author_id": f"p{n % 2}", "campaign_id": None,
            "vote_count": n, "created_at": STAMP, "updated_at": STAMP}


def person(person_id: str) -> dict:
    return {"id": person_id, "name": person_id.upper(), "email": f"{person_id}@x.example",
            "title": "", "team": None, "roles": ["employee"]}


def theme(idea_id: str) -> dict:
    return {"id": f"t-{idea_id}", "label": "Labels", "keywords": [], "size": 1,
            "trend": {"last_30_days": 1, "previous_30_days": 0}, "reflection_count": 0,
            "learning_count": 0, "unaddressed": False, "idea_ids": [idea_id],
            "representative_idea_id": idea_id}


class RecordingServices:
    def __init__(self):
        self.calls: list[tuple] = []

    async def call(self, service, method, *args, identity=None, **kwargs):
        self.calls.append((service, method, *args))
        if method == "list_ideas":
            items = [idea(n) for n in range(1, 6)]
            return {"items": items, "total": 5, "end_cursor": None, "has_next": False}
        if method == "get_ideas":
            return [idea(int(key[1:])) for key in args[0]]
        if method == "get_people":
            return [person(i) for i in args[0]]
        if method == "get_votes_of":
            return [key == "i2" for key in args[1]]
        if method == "theme_of_ideas":
            return [theme(key) for key in args[0]]
        raise AssertionError(f"unexpected call {service}.{method}")


PAGE = """{ ideas { edges { node { id author { name } viewerHasVoted
  theme { id representativeIdea { title author { name } } } } } } }"""


@pytest.fixture
def insights_deployed(monkeypatch):
    monkeypatch.setenv("KAIZEN_SERVICES", "career,ideas,insights")


def test_a_page_costs_one_call_per_related_field(insights_deployed):
    services = RecordingServices()
    result = asyncio.run(schema.execute(PAGE, context_value=request_context(services, ANA)))
    assert result.errors is None, result.errors
    nodes = [e["node"] for e in result.data["ideas"]["edges"]]
    assert [n["author"]["name"] for n in nodes] == ["P1", "P0", "P1", "P0", "P1"]
    assert [n["viewerHasVoted"] for n in nodes] == [False, True, False, False, False]
    assert nodes[2]["theme"] == {"id": "t-i3", "representativeIdea": {
        "title": "Idea 3", "author": {"name": "P1"}}}
    methods = [call[1] for call in services.calls]
    # the representative ideas' authors are cached: the people loader asks once
    assert sorted(methods) == ["get_ideas", "get_people", "get_votes_of", "list_ideas",
                               "theme_of_ideas"]
    assert ("ideas", "get_votes_of", "ana", ["i1", "i2", "i3", "i4", "i5"]) in services.calls


def test_loaders_are_the_requests_own():
    services = RecordingServices()
    first, second = request_context(services, ANA), request_context(services, ANA)
    assert first.loaders.people is first.loaders.people
    assert first.loaders.people is not second.loaders.people


def test_without_insights_an_idea_has_no_theme_and_nobody_asks(monkeypatch):
    monkeypatch.setenv("KAIZEN_SERVICES", "career,ideas")
    services = RecordingServices()
    result = asyncio.run(schema.execute("{ ideas { edges { node { theme { id } } } } }",
                                        context_value=request_context(services, ANA)))
    assert result.errors is None, result.errors
    assert {e["node"]["theme"] for e in result.data["ideas"]["edges"]} == {None}
    assert [call[1] for call in services.calls] == ["list_ideas"]
