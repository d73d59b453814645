"""What a plan refers to in other services, checked with the caller's identity (the call
context carries the caller's token onwards): its members (career) and its idea (ideas)."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import eventlet
from nameko.exceptions import UnknownService

from services.experiments import domain
from services.experiments.validation import Plan
from shared.errors import FieldErrors

log = logging.getLogger(__name__)

ANSWER_WITHIN = 10.0


def ask(proxy, method: str, ids: list[str]) -> list | None:
    """The owner's batch answer (None per unknown id), or None when it cannot answer now."""
    try:
        with eventlet.Timeout(ANSWER_WITHIN):
            return getattr(proxy, method).call_async(ids).result()
    except (UnknownService, eventlet.Timeout) as exc:
        log.warning("%s.%s did not answer: %r", proxy.service_name, method, exc)
        return None


def check_members(career_rpc, member_ids: list[str], errors: FieldErrors) -> None:
    if not member_ids:
        return
    found = ask(career_rpc, "get_people", member_ids)
    if found is None:
        errors.add("memberIds", "cannot be checked now: the people directory does not answer")
        return
    unknown = [i for i, person in zip(member_ids, found, strict=True) if person is None]
    errors.check(not unknown, "memberIds", f"no person with id {', '.join(unknown)}")


def check_idea(ideas_rpc, idea_id: str | None, planner: domain.Actor | None,
               errors: FieldErrors) -> None:
    """The idea exists and is one to experiment on; `planner` (None for an idea the plan
    inherits from the experiment it follows up) may link an experiment to it."""
    if idea_id is None:
        return
    found = ask(ideas_rpc, "get_ideas", [idea_id])
    if found is None:
        errors.add("ideaId", "cannot be checked now: the ideas service does not answer")
        return
    idea = found[0]
    if idea is None:
        errors.add("ideaId", "no idea with this id")
        return
    refusal = domain.idea_link_refusal(idea["status"])
    if refusal:
        errors.add("ideaId", refusal)
    elif planner is not None:
        domain.check_can_link_idea(idea["author_id"], planner)


@dataclass(frozen=True)
class Peers:
    """The services a plan refers to: the worker's `career_rpc` and `ideas_rpc`."""

    career_rpc: object
    ideas_rpc: object

    def check(self, plan: Plan, planner: domain.Actor | None, errors: FieldErrors) -> None:
        """The members after the owner exist, and the idea is one `planner` may experiment
        on (None: the idea is inherited from the experiment followed up, checked then)."""
        check_members(self.career_rpc, plan.member_ids[1:], errors)
        check_idea(self.ideas_rpc, plan.idea_id, planner, errors)
