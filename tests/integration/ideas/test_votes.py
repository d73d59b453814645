"""Votes and comments on a real broker, against SQLite and PostgreSQL. A vote counts once,
however often and however concurrently it is sent."""
from __future__ import annotations

import eventlet
import pytest
from nameko.standalone.rpc import ClusterRpcProxy
from sqlalchemy.orm import Session

from services.ideas import store
from services.ideas.models import Comment, Vote
from services.ideas.service import IdeasService
from shared.db import make_engine
from shared.errors import Conflict, NotFound, PermissionDenied, Unauthenticated, ValidationError
from tests.integration.ideas.support import call, events, start_ideas
from tests.support.identities import ADMIN, ANA, BEN, CARLA
from tests.support.services import as_user, count

real_threading = eventlet.patcher.original("threading")


@pytest.fixture
def ideas(start_service, make_db):
    return start_ideas(start_service, make_db)


@pytest.fixture
def busy_ideas(container_factory, rabbit_config, make_db):
    """The service with 20 workers, so 20 requests really are handled at the same time."""
    url = make_db("ideas")
    config = {**rabbit_config, "max_workers": 20, "DB_URIS": {"ideas": url}}
    container = container_factory(IdeasService, config)
    container.start()
    return container, url, config


def test_twenty_concurrent_identical_votes_count_once(busy_ideas):
    container, url, config = busy_ideas
    idea = call(container, "submit_idea", {"title": "Pick-to-light for fast movers"})
    with ClusterRpcProxy(config, context_data=as_user(BEN, "ideas")) as cluster:
        pending = [cluster.ideas.vote_idea.call_async(idea["id"]) for _ in range(20)]
        answers = [reply.result() for reply in pending]
    assert {a["vote_count"] for a in answers} == {1}
    assert count(url, Vote.__table__) == 1
    assert call(container, "get_ideas", [idea["id"]])[0]["vote_count"] == 1
    assert [(e["voter_id"], e["voted"], e["vote_count"]) for e in events(url, "idea_voted")] \
        == [(BEN.user_id, True, 1)]


def _in_threads(n: int, work) -> list:
    """Runs work(i) in n OS threads released together: real parallel transactions."""
    results: list = [None] * n
    start = real_threading.Barrier(n)

    def run(i: int) -> None:
        start.wait()
        results[i] = work(i)

    threads = [real_threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _vote_in_own_transaction(url: str, idea_id: str, voter_id: str) -> bool:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            idea = store.find_idea(session, idea_id, lock=True)
            added = store.cast_vote(session, idea, voter_id)
            session.commit()
            return added
    finally:
        engine.dispose()


def test_parallel_transactions_count_every_voter_once(busy_ideas):
    container, url, _ = busy_ideas
    idea = call(container, "submit_idea", {"title": "One-way traffic in aisle C"})
    same = _in_threads(20, lambda i: _vote_in_own_transaction(url, idea["id"], "same-voter"))
    assert sorted(same) == [False] * 19 + [True]
    others = _in_threads(20, lambda i: _vote_in_own_transaction(url, idea["id"], f"voter-{i}"))
    assert all(others)
    assert call(container, "get_ideas", [idea["id"]])[0]["vote_count"] == 21
    assert count(url, Vote.__table__) == 21


def test_a_vote_is_one_per_person_and_withdrawing_is_idempotent(ideas):
    container, url = ideas
    idea = call(container, "submit_idea", {"title": "Reply templates"})
    assert call(container, "vote_idea", idea["id"], identity=BEN)["vote_count"] == 1
    assert call(container, "vote_idea", idea["id"], identity=BEN)["vote_count"] == 1
    assert call(container, "vote_idea", idea["id"], identity=CARLA)["vote_count"] == 2
    assert call(container, "get_votes_of", BEN.user_id, [idea["id"], "missing"],
                identity=BEN) == [True, False]
    assert call(container, "unvote_idea", idea["id"], identity=BEN)["vote_count"] == 1
    assert call(container, "unvote_idea", idea["id"], identity=BEN)["vote_count"] == 1
    assert [(e["voted"], e["vote_count"]) for e in events(url, "idea_voted")] == \
        [(True, 1), (True, 2), (False, 1)]
    with pytest.raises(NotFound):
        call(container, "vote_idea", "missing", identity=BEN)


def test_nobody_reads_another_persons_votes(ideas):
    container, _ = ideas
    idea = call(container, "submit_idea", {"title": "Reply templates"})
    call(container, "vote_idea", idea["id"], identity=BEN)
    with pytest.raises(PermissionDenied):
        call(container, "get_votes_of", BEN.user_id, [idea["id"]], identity=CARLA)
    assert call(container, "get_votes_of", BEN.user_id, [idea["id"]], identity=ADMIN) == [True]


def test_a_closed_idea_takes_no_votes(ideas):
    container, _ = ideas
    idea = call(container, "submit_idea", {"title": "Paint the floor"})
    call(container, "vote_idea", idea["id"], identity=BEN)
    call(container, "transition_idea", idea["id"], "DECLINED", "not now", identity=BEN)
    with pytest.raises(Conflict) as raised:
        call(container, "vote_idea", idea["id"], identity=CARLA)
    assert "DECLINED" in raised.value.message
    assert call(container, "unvote_idea", idea["id"], identity=BEN)["vote_count"] == 0


def test_comments_are_listed_oldest_first_and_only_their_author_changes_them(ideas):
    container, url = ideas
    idea = call(container, "submit_idea", {"title": "Reply templates"})
    texts = ["First thought", "Second thought", "Third thought"]
    made = [call(container, "comment_on_idea", idea["id"], t, identity=p)
            for t, p in zip(texts, (BEN, CARLA, BEN), strict=True)]
    [listed] = call(container, "get_comments_of", [idea["id"]])
    assert [c["body"] for c in listed] == texts and not any(c["edited"] for c in listed)
    for person in (CARLA, ADMIN):
        with pytest.raises(PermissionDenied):
            call(container, "edit_comment", made[0]["id"], "Hijacked", identity=person)
        with pytest.raises(PermissionDenied):
            call(container, "delete_comment", made[0]["id"], identity=person)
    edited = call(container, "edit_comment", made[0]["id"], " First, edited ", identity=BEN)
    assert edited["body"] == "First, edited" and edited["edited"]
    assert call(container, "delete_comment", made[1]["id"], identity=CARLA) == made[1]["id"]
    [listed] = call(container, "get_comments_of", [idea["id"]])
    assert [c["body"] for c in listed] == ["First, edited", "Third thought"]
    assert call(container, "get_ideas", [idea["id"]])[0]["comment_count"] == 2
    assert count(url, Comment.__table__) == 2


def test_an_empty_comment_names_the_body_and_stores_nothing(ideas):
    container, url = ideas
    idea = call(container, "submit_idea", {"title": "Reply templates"})
    for body in ("", "   ", "x" * 5001):
        with pytest.raises(ValidationError) as raised:
            call(container, "comment_on_idea", idea["id"], body, identity=BEN)
        assert raised.value.errors[0]["field"] == "body"
    with pytest.raises(NotFound):
        call(container, "comment_on_idea", "missing", "Hello", identity=BEN)
    assert count(url, Comment.__table__) == 0


def test_batched_reads_keep_the_order_asked(ideas):
    container, _ = ideas
    first = call(container, "submit_idea", {"title": "First idea"})
    second = call(container, "submit_idea", {"title": "Second idea"})
    call(container, "comment_on_idea", second["id"], "Only here", identity=BEN)
    comments = call(container, "get_comments_of", [first["id"], "missing", second["id"]])
    assert [[c["body"] for c in group] for group in comments] == [[], [], ["Only here"]]
    history = call(container, "get_history_of", [second["id"], first["id"]])
    assert [group[0]["idea_id"] for group in history] == [second["id"], first["id"]]


def test_reads_need_a_signed_in_caller(ideas):
    container, _ = ideas
    for method, args in (("get_comments_of", ([],)), ("get_history_of", ([],)),
                         ("get_votes_of", (ANA.user_id, [])), ("list_campaigns", ())):
        with pytest.raises(Unauthenticated):
            call(container, method, *args, identity=None)
