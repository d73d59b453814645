"""The ideas service on a real broker, against SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from nameko.testing.services import entrypoint_hook
from sqlalchemy import create_engine, func, select

from services.ideas.models import OUTBOX, Idea
from services.ideas.service import IdeasService
from shared.errors import Unauthenticated, ValidationError
from shared.identity import Identity
from shared.settings import AuthSettings
from tests.integration.conftest import ANA, as_user


def count(url: str, table) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        value = conn.scalar(select(func.count()).select_from(table))
    engine.dispose()
    return value


@pytest.fixture
def ideas(start_service, make_db):
    url = make_db("ideas")
    container = start_service(IdeasService, db_url=url)
    return container, url


def call(container, method, *args, identity: Identity | None = ANA, **kwargs):
    context = as_user(identity) if identity else {}
    with entrypoint_hook(container, method, context_data=context) as hook:
        return hook(*args, **kwargs)


def test_submitted_idea_is_stored_with_normalised_tags_and_author(ideas):
    container, _ = ideas
    idea = call(container, "submit_idea", {
        "title": "  Shadow   board for wrenches ", "problem": "Tools go missing",
        "tags": ["5S", "Tools", "tools", " Quick Win "],
    })
    assert idea["title"] == "Shadow board for wrenches"
    assert idea["tags"] == ["5s", "tools", "quick-win"]
    assert idea["status"] == "SUBMITTED"
    assert idea["author_id"] == ANA.user_id
    assert call(container, "get_ideas", [idea["id"]]) == [idea]


def test_two_character_title_names_the_field_and_stores_nothing(ideas):
    container, url = ideas
    with pytest.raises(ValidationError) as raised:
        call(container, "submit_idea", {"title": "ab", "tags": ["x"] * 3})
    assert [e["field"] for e in raised.value.errors] == ["title"]
    assert count(url, Idea.__table__) == 0
    assert count(url, OUTBOX) == 0


def test_every_bad_field_is_named_at_once(ideas):
    container, _ = ideas
    tags = [f"tag{i}" for i in range(11)]
    with pytest.raises(ValidationError) as raised:
        call(container, "submit_idea", {"title": "", "problem": "x" * 5001, "tags": tags})
    assert {e["field"] for e in raised.value.errors} == {"title", "problem", "tags"}


def test_anonymous_and_forged_callers_are_refused(ideas):
    container, url = ideas
    with pytest.raises(Unauthenticated):
        call(container, "submit_idea", {"title": "Anonymous idea"}, identity=None)
    forged = {"auth": _token_signed_with("not-the-service-secret")}
    with entrypoint_hook(container, "submit_idea", context_data=forged) as hook, \
            pytest.raises(Unauthenticated):
        hook({"title": "Forged idea"})
    assert count(url, Idea.__table__) == 0


def _token_signed_with(secret: str) -> str:
    import dataclasses

    from shared.identity import mint_service_token

    settings = dataclasses.replace(AuthSettings.from_env(), service_token_secret=secret)
    return mint_service_token(ANA, settings)


def test_get_ideas_keeps_the_order_asked_and_marks_unknown_ids(ideas):
    container, _ = ideas
    first = call(container, "submit_idea", {"title": "First idea"})
    second = call(container, "submit_idea", {"title": "Second idea"})
    got = call(container, "get_ideas", [second["id"], "missing", first["id"]])
    assert [g and g["id"] for g in got] == [second["id"], None, first["id"]]


def test_listing_pages_newest_first_without_gaps_or_repeats(ideas):
    container, _ = ideas
    titles = [f"Idea number {i}" for i in range(7)]
    for title in titles:
        call(container, "submit_idea", {"title": title})
    seen, after = [], None
    while True:
        page = call(container, "list_ideas", first=3, after=after)
        assert page["total"] == 7
        seen += [i["title"] for i in page["items"]]
        if not page["has_next"]:
            break
        after = page["end_cursor"]
    assert seen == list(reversed(titles))


def test_listing_rejects_a_page_size_out_of_range(ideas):
    container, _ = ideas
    with pytest.raises(ValidationError) as raised:
        call(container, "list_ideas", first=0)
    assert raised.value.errors[0]["field"] == "first"
