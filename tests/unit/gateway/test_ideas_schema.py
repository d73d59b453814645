"""The ideas part of the GraphQL schema keeps the public names of the issue, and the
gateway turns service data into GraphQL values without a broker."""
from __future__ import annotations

from graphql import GraphQLUnionType, build_schema, get_named_type

from gateway.export_schema import sdl
from gateway.ideas.enums import IdeaStatus, PriorityBand
from gateway.ideas.inputs import IdeaFilter
from gateway.ideas.types import Idea

SCHEMA = build_schema(sdl())
IDEA_FIELDS = ("id title problem proposal benefit tags status author voteCount viewerHasVoted "
               "comments history campaign createdAt impact effort priority duplicateOf "
               "sourceReflectionId").split()
MUTATIONS = {
    "submitIdea": {"input"}, "updateIdea": {"id", "input"}, "voteIdea": {"id"},
    "unvoteIdea": {"id"}, "commentOnIdea": {"id", "body"},
    "transitionIdea": {"id", "to", "reason"}, "assessIdea": {"id", "impact", "effort"},
    "mergeIdea": {"id", "intoId"}, "createCampaign": {"input"},
}


def test_idea_has_every_field_the_issue_names():
    assert set(IDEA_FIELDS) <= set(SCHEMA.type_map["Idea"].fields)
    assert set(SCHEMA.type_map["Person"].fields) >= {"id", "name"}


def test_every_mutation_takes_the_named_arguments_and_returns_success_or_user_errors():
    fields = SCHEMA.mutation_type.fields
    for name, args in MUTATIONS.items():
        assert set(fields[name].args) == args | {"clientMutationId"}, name
        result = get_named_type(fields[name].type)
        assert isinstance(result, GraphQLUnionType), name
        members = {t.name for t in result.types}
        assert "PermissionDeniedError" in members and len(members) >= 3, name


def test_listing_takes_filter_order_and_paging():
    ideas = SCHEMA.query_type.fields["ideas"]
    assert set(ideas.args) == {"filter", "orderBy", "first", "after"}
    assert set(SCHEMA.type_map["IdeaFilter"].fields) == \
        {"status", "campaignId", "tag", "authorId", "search"}
    assert set(SCHEMA.type_map["IdeaOrder"].values) == {"NEWEST", "TOP_VOTED", "PRIORITY"}
    create = SCHEMA.type_map["CreateCampaignInput"].fields
    assert set(create) == {"title", "description", "startsOn", "endsOn"}


def test_an_idea_from_an_older_service_answer_still_converts():
    dto = {"id": "i1", "title": "Label drawers", "problem": "", "proposal": "", "benefit": "",
           "tags": ["5s"], "status": "SUBMITTED", "author_id": "a1", "campaign_id": None,
           "vote_count": 2, "created_at": "2026-01-01T00:00:00+00:00",
           "updated_at": "2026-01-01T00:00:00+00:00"}
    idea = Idea.from_dto(dto)
    assert (idea.status, idea.vote_count, idea.priority_band) == (IdeaStatus.SUBMITTED, 2, None)
    assessed = Idea.from_dto(dto | {"impact": 5, "effort": 1, "priority": 25,
                                    "priority_band": "QUICK_WIN"})
    assert assessed.priority_band == PriorityBand.QUICK_WIN


def test_the_filter_is_sent_with_the_services_names():
    flt = IdeaFilter(status=IdeaStatus.ACCEPTED, campaign_id="c1", search="torque")
    assert flt.to_dict() == {"status": "ACCEPTED", "campaign_id": "c1", "tag": None,
                             "author_id": None, "search": "torque"}
