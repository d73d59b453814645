"""Seeds the demo ideas through the ideas service's own RPC, each change made by the person
who would make it: authors submit, colleagues vote and comment, the reviewer assesses,
moves and merges, the admin runs the campaigns."""
from __future__ import annotations

import contextlib
from datetime import date, timedelta

from scripts.seeds import org_data
from scripts.seeds.ideas_data import (
    ADMIN,
    CAMPAIGNS,
    COMMENTS,
    DECLINE_REASONS,
    IDEAS,
    MERGES,
    REVIEWER,
)

ORDER = 20
SERVICES = ("career", "ideas")

PATHS = {
    "SUBMITTED": [],
    "IN_REVIEW": ["IN_REVIEW"],
    "ACCEPTED": ["IN_REVIEW", "ACCEPTED"],
    "EXPERIMENTING": ["IN_REVIEW", "ACCEPTED", "EXPERIMENTING"],
    "IMPLEMENTED": ["IN_REVIEW", "ACCEPTED", "EXPERIMENTING", "IMPLEMENTED"],
    "DECLINED": ["IN_REVIEW", "DECLINED"],
}


def email(local: str) -> str:
    return f"{local}@{org_data.DOMAIN}"


class Actors:
    """One RPC proxy per demo person, opened on first use and closed together. Someone
    missing from the directory is stood in for by the admin, so the seed still runs."""

    def __init__(self, ctx, stack: contextlib.ExitStack):
        self.ctx, self.stack, self.proxies = ctx, stack, {}

    def __call__(self, local: str):
        if email(local) not in self.ctx.people:
            local = ADMIN
        if local not in self.proxies:
            self.proxies[local] = self.stack.enter_context(self.ctx.as_person(email(local)))
        return self.proxies[local].ideas


def voters_for(index: int, author: str, count: int, people: list[str]) -> list[str]:
    others = [p for p in people if p != author]
    return [others[(index * 3 + k) % len(others)] for k in range(min(count, len(others)))]


def seed(ctx) -> str:
    people = [p["email"].split("@")[0] for p in ctx.people.values()]
    with contextlib.ExitStack() as stack:
        act = Actors(ctx, stack)
        campaigns = create_campaigns(act)
        ids = {idea.title: submit(act, idea, campaigns, ctx) for idea in IDEAS}
        for index, idea in enumerate(IDEAS):
            for voter in voters_for(index, idea.author, idea.votes, people):
                act(voter).vote_idea(ids[idea.title])
        for author, title, body in COMMENTS:
            act(author).comment_on_idea(ids[title], body)
        review(act(REVIEWER), ids)
        for key, *_, closed in CAMPAIGNS:
            if closed:
                act(ADMIN).close_campaign(campaigns[key])
    return f"{len(CAMPAIGNS)} campaigns, {len(IDEAS)} ideas"


def create_campaigns(act) -> dict[str, str]:
    today, ids = date.today(), {}
    for key, title, description, starts, ends, _ in CAMPAIGNS:
        ids[key] = act(ADMIN).create_campaign({
            "title": title, "description": description,
            "starts_on": (today + timedelta(days=starts)).isoformat(),
            "ends_on": (today + timedelta(days=ends)).isoformat()})["id"]
    return ids


def submit(act, idea, campaigns: dict[str, str], ctx) -> str:
    team = ctx.people.get(email(idea.author), {}).get("team")
    return act(idea.author).submit_idea({
        "title": idea.title, "problem": idea.problem, "proposal": idea.proposal,
        "benefit": idea.benefit, "tags": idea.tags, "area": team,
        "campaign_id": campaigns.get(idea.campaign)})["id"]


def review(reviewer, ids: dict[str, str]) -> None:
    for idea in IDEAS:
        if idea.assessment:
            reviewer.assess_idea(ids[idea.title], *idea.assessment)
        for status in PATHS[idea.status]:
            reviewer.transition_idea(ids[idea.title], status, DECLINE_REASONS.get(idea.title))
    for duplicate, canonical in MERGES:
        reviewer.merge_idea(ids[duplicate], ids[canonical])
