"""The gateway's reflections pieces: inputs become service fields, and the habit shows
on `me` only."""
from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from types import SimpleNamespace

import strawberry

from gateway.reflections.inputs import (
    ReflectionFilter,
    ReflectionLinkInput,
    UpdateReflectionInput,
    WriteReflectionInput,
    filter_fields,
    reflection_fields,
)
from gateway.reflections.streak import streak_of
from gateway.reflections.types import ReflectionLinkKind, Visibility
from shared.identity import Identity


def test_a_new_reflection_sends_every_field_with_defaults():
    fields = reflection_fields(WriteReflectionInput(body="Text", tags=["a"]))
    assert fields == {"body": "Text", "prompt_id": None, "tags": ["a"], "mood": None,
                      "visibility": "PRIVATE", "links": []}


def test_an_update_sends_only_what_was_given_and_null_clears():
    update = UpdateReflectionInput(mood=None, visibility=Visibility.TEAM, links=[
        ReflectionLinkInput(kind=ReflectionLinkKind.IDEA, id=strawberry.ID("i1"))])
    assert reflection_fields(update) == {"mood": None, "visibility": "TEAM",
                                         "links": [{"kind": "IDEA", "id": "i1"}]}


def test_the_filter_sends_iso_times():
    moment = datetime(2024, 5, 1, 8, tzinfo=UTC)
    assert filter_fields(ReflectionFilter(tag="x", from_=moment)) == {
        "tag": "x", "search": None, "from": "2024-05-01T08:00:00+00:00", "to": None}
    assert filter_fields(None) is None


class FakeContext:
    """Records the reads asked; only the identity matters to streak_of."""

    def __init__(self, identity):
        self.identity, self.asked = identity, []

    async def query(self, service, method, *args):
        self.asked.append((service, method))
        return {"weeks": 3, "this_week": 1}


def test_the_streak_is_only_the_callers_own():
    context = FakeContext(Identity("me", ("employee",), "Assembly"))
    info = SimpleNamespace(context=context)
    assert asyncio.run(streak_of(info, "someone-else")) is None
    assert context.asked == []
    mine = asyncio.run(streak_of(info, "me"))
    assert (mine.weeks, mine.this_week) == (3, 1)
    assert context.asked == [("reflections", "reflection_habit")]
    assert asyncio.run(streak_of(SimpleNamespace(context=FakeContext(None)), "me")) is None
