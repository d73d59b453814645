"""The mentoring part of the GraphQL schema keeps the names issue 22 spells out, action
items go to the service that holds them (career for a mentoring session, growth for a
one-on-one), and a coordinator's view of a mentorship converts with its private parts null."""
from __future__ import annotations

import asyncio

import pytest
from graphql import GraphQLUnionType, build_schema, get_named_type

from gateway.export_schema import sdl
from gateway.loaders import request_context
from gateway.schema import schema
from shared.errors import NotFound
from shared.identity import Identity

SCHEMA = build_schema(sdl())
ANA = Identity("ana", ("employee",), "Assembly")
STAMP = "2026-01-01T00:00:00+00:00"
MUTATIONS = {
    "createMentoringProgramme": {"input"},
    "enrolInProgramme": {"programmeId", "input"},
    "requestMatch": {"programmeId", "mentorId"},
    "decideMatch": {"id", "decision"},
    "addMentorshipGoal": {"mentorshipId", "input"},
    "updateMentorshipGoal": {"id", "input"},
    "scheduleSession": {"mentorshipId", "at", "durationMinutes"},
    "addAgendaItem": {"sessionId", "text"},
    "addSessionNote": {"sessionId", "body", "visibility"},
    "addActionItem": {"sessionId", "oneOnOneId", "text", "ownerId"},
    "completeActionItem": {"id"},
    "closeMentorship": {"id", "rating", "reflection", "toJournal"},
}


def test_every_mutation_takes_the_named_arguments_and_answers_a_union_of_user_errors():
    fields = SCHEMA.mutation_type.fields
    for name, args in MUTATIONS.items():
        assert set(fields[name].args) == args | {"clientMutationId"}, name
        result = get_named_type(fields[name].type)
        assert isinstance(result, GraphQLUnionType), name
        members = {t.name for t in result.types}
        assert {"ValidationError", "PermissionDeniedError", "NotFoundError"} <= members, name


def test_the_queries_and_inputs_have_the_issues_names():
    queries = SCHEMA.query_type.fields
    assert set(queries["suggestedMentors"].args) == {"programmeId", "first"}
    assert set(queries["programmeReport"].args) >= {"programmeId"}
    assert set(queries["mentorship"].args) == {"id"}
    assert {"mentoringProgrammes", "myMentorships"} <= set(queries)
    assert "reasons" in SCHEMA.type_map["SuggestedMentor"].fields
    assert set(SCHEMA.type_map["CreateMentoringProgrammeInput"].fields) == {
        "name", "description", "startsOn", "endsOn", "coordinatorIds", "audience"}
    assert set(SCHEMA.type_map["EnrolInput"].fields) == {"role", "skills", "capacity", "goal"}
    assert set(SCHEMA.type_map["MentoringRole"].values) == {"MENTOR", "MENTEE"}
    assert set(SCHEMA.type_map["Decision"].values) == {"ACCEPT", "DECLINE"}
    assert set(SCHEMA.type_map["NoteVisibility"].values) == {"PRIVATE", "SHARED"}
    assert set(SCHEMA.type_map["ActionItem"].fields) == {
        "id", "text", "done", "createdAt", "completedAt", "owner"}


def item(item_id: str = "a1", done: bool = False) -> dict:
    return {"id": item_id, "text": "Export the tickets", "owner_id": "ana", "done": done,
            "created_at": STAMP, "completed_at": STAMP if done else None}


class Services:
    """Answers action-item calls; career knows only `a1`, growth only `g1`."""

    def __init__(self):
        self.calls: list[tuple] = []

    async def call(self, service, method, *args, identity=None, **kwargs):
        self.calls.append((service, method, *args))
        if method == "add_action_item":
            return item("a1" if service == "career" else "g1")
        if method == "complete_action_item":
            if (service, args[0]) not in (("career", "a1"), ("growth", "g1")):
                raise NotFound(f"action item {args[0]} not found")
            return item(args[0], done=True)
        if method == "get_people":
            return [None for _ in args[0]]
        raise AssertionError(f"unexpected call {service}.{method}")


ADD = """mutation($s: ID, $o: ID) { addActionItem(sessionId: $s, oneOnOneId: $o,
  text: "Export the tickets", ownerId: "ana") {
  __typename ... on ActionItem { id done } ... on ValidationError { field fields { field } }
  ... on UserError { message } } }"""
COMPLETE = """mutation($id: ID!) { completeActionItem(id: $id) {
  __typename ... on ActionItem { id done completedAt } ... on UserError { message } } }"""


def run(services, query, variables):
    result = asyncio.run(schema.execute(query, variables,
                                        context_value=request_context(services, ANA)))
    assert result.errors is None, result.errors
    return next(iter(result.data.values()))


@pytest.fixture
def growth_deployed(monkeypatch):
    monkeypatch.setenv("KAIZEN_SERVICES", "career,growth")


def test_an_action_item_of_a_session_goes_to_career_and_of_a_one_on_one_to_growth(
        growth_deployed):
    services = Services()
    assert run(services, ADD, {"s": "s1"}) == {"__typename": "ActionItem", "id": "a1",
                                               "done": False}
    assert run(services, ADD, {"o": "o1"})["id"] == "g1"
    assert services.calls == [("career", "add_action_item", "s1", "Export the tickets", "ana"),
                              ("growth", "add_action_item", "o1", "Export the tickets", "ana")]


@pytest.mark.parametrize("where", [{}, {"s": "s1", "o": "o1"}])
def test_an_action_item_needs_exactly_one_place_and_nothing_is_asked_otherwise(where):
    services = Services()
    answer = run(services, ADD, where)
    assert answer["__typename"] == "ValidationError" and answer["field"] == "sessionId"
    assert [f["field"] for f in answer["fields"]] == ["sessionId", "oneOnOneId"]
    assert services.calls == []


def test_without_growth_a_one_on_one_is_not_found_and_growth_is_never_asked(monkeypatch):
    monkeypatch.setenv("KAIZEN_SERVICES", "career")
    services = Services()
    assert run(services, ADD, {"o": "o1"})["__typename"] == "NotFoundError"
    assert run(services, COMPLETE, {"id": "g1"})["__typename"] == "NotFoundError"
    assert [c[0] for c in services.calls] == ["career"]


def test_completing_asks_career_first_then_growth(growth_deployed):
    services = Services()
    assert run(services, COMPLETE, {"id": "a1"})["done"] is True
    done = run(services, COMPLETE, {"id": "g1"})
    assert done == {"__typename": "ActionItem", "id": "g1", "done": True,
                    "completedAt": STAMP}
    assert run(services, COMPLETE, {"id": "zz"})["__typename"] == "NotFoundError"
    assert [c[:2] for c in services.calls] == [
        ("career", "complete_action_item"), ("career", "complete_action_item"),
        ("growth", "complete_action_item"), ("career", "complete_action_item"),
        ("growth", "complete_action_item")]


COORDINATOR_VIEW = {
    "id": "m1", "programme_id": None, "mentor_id": "sara", "mentee_id": "lena",
    "status": "ACTIVE", "how": "REQUEST", "created_at": STAMP, "matched_at": STAMP,
    "closed_at": None, "last_activity_at": STAMP, "stuck": True,
    "milestones": [{"name": "MATCHED", "reached_at": STAMP}],
    "goals": [{"id": "g1", "title": "Read a control chart", "target_date": None,
               "progress": 40, "created_at": STAMP, "updated_at": STAMP,
               "completed_at": None, "tasks": None, "notes": None}],
    "sessions": [{"id": "s1", "mentorship_id": "m1", "at": STAMP, "duration_minutes": 45,
                  "held": True, "agenda": None, "notes": None, "action_items": None,
                  "carried_action_items": None}],
    "my_side": None, "my_rating": None, "my_reflection": None, "closed_by": None}


class Career:
    async def call(self, service, method, *args, identity=None, **kwargs):
        assert (service, method) == ("career", "get_mentorship"), method
        return COORDINATOR_VIEW


def test_a_coordinators_view_keeps_the_private_parts_null():
    query = """{ mentorship(id: "m1") { stuck mySide closedBy goals { title progress tasks
      { text } notes } sessions { agenda { text } notes { body } actionItems { text } } } }"""
    assert run(Career(), query, {}) == {
        "stuck": True, "mySide": None, "closedBy": None,
        "goals": [{"title": "Read a control chart", "progress": 40, "tasks": None,
                   "notes": None}],
        "sessions": [{"agenda": None, "notes": None, "actionItems": None}]}
