"""Helpers and texts of the insights integration tests."""
from __future__ import annotations

from functools import partial

from services.insights.service import InsightsService
from shared.clock import now
from shared.contracts.ideas import IdeaSubmitted
from shared.outbox import envelope
from tests.support import services
from tests.support.identities import ANA
from tests.support.services import handle

TOOLS = ("Shadow board for torque wrenches",
         "Operators waste time searching for the right torque wrench at station 3")
PARAPHRASE = "Put up shadow boards so people stop hunting for torque wrenches at station 3"
UNRELATED = "Paint the parking lot lines again"
CHANGEOVER = [
    ("Quick-release clamps for changeovers",
     "Changeovers on line 2 take 45 minutes because fixtures are bolted"),
    ("Changeover cart with all fixtures",
     "Setup time between product variants is too long on line 2"),
    ("SMED workshop for line 2 changeovers",
     "Reduce changeover time by preparing fixtures before the line stops"),
]
CANTEEN = [
    ("Healthier food in the cafeteria",
     "The canteen only serves fried food and salads run out early"),
    ("Longer canteen opening hours",
     "Night shift cannot buy a warm meal because the cafeteria closes at 8pm"),
    ("Vegetarian options in the canteen",
     "There is rarely a vegetarian warm meal in the cafeteria"),
]
NOISE = [
    ("Sound barriers around the presses in hall 2",
     "The presses in hall 2 are so loud that operators get headaches"),
    ("Quieter presses in hall 2",
     "Noise from the presses in hall 2 is exhausting by the end of the shift"),
    ("Better hearing protection in hall 2",
     "Press noise in hall 2 is too loud even with ear plugs"),
]
JOINS_CHANGEOVER = ("Pre-stage fixtures before each changeover",
                    "Line 2 stands still while we fetch fixtures during a changeover")

call = partial(services.call, identity=ANA)


def start_insights(start_service, make_db) -> tuple:
    url = make_db("insights")
    return start_service(InsightsService, db_url=url), url


def submitted(idea_id: str, title: str, problem: str, author_id: str = ANA.user_id) -> dict:
    return envelope("idea_submitted", IdeaSubmitted(
        idea_id=idea_id, title=title, problem=problem, proposal="", tags=[],
        author_id=author_id, created_at=now().isoformat()).dump(), "ideas")


def submit(container, ideas: list[tuple[str, str]], prefix: str) -> list[str]:
    ids = [f"{prefix}-{i}" for i in range(len(ideas))]
    for idea_id, (title, problem) in zip(ids, ideas, strict=True):
        handle(container, "on_idea_submitted", submitted(idea_id, title, problem))
    return ids


def theme_ids(container, idea_ids: list[str]) -> list[str | None]:
    return [t["id"] if t else None for t in call(container, "theme_of_ideas", idea_ids)]
