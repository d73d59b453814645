"""Ideas service entrypoints: validate, call the domain, commit, emit, return plain data."""
from __future__ import annotations

import uuid

from nameko.rpc import rpc
from nameko.timer import timer
from sqlalchemy import func, select

from services.ideas import domain
from services.ideas.models import INBOX, OUTBOX, Idea, IdeaTag
from shared.contracts.ideas import IdeaSubmitted
from shared.db import Database
from shared.identity import Caller
from shared.outbox import now
from shared.pagination import page, page_window


def idea_dto(idea: Idea) -> dict:
    return {
        "id": idea.id,
        "title": idea.title,
        "problem": idea.problem,
        "proposal": idea.proposal,
        "benefit": idea.benefit,
        "tags": [t.tag for t in idea.tags],
        "status": idea.status,
        "author_id": idea.author_id,
        "campaign_id": idea.campaign_id,
        "vote_count": idea.vote_count,
        "created_at": idea.created_at.isoformat(),
        "updated_at": idea.updated_at.isoformat(),
    }


class IdeasService:
    name = "ideas"

    db = Database("ideas", OUTBOX, INBOX)
    caller = Caller()

    @rpc
    def ping(self) -> str:
        return "pong"

    @rpc
    def submit_idea(self, fields: dict) -> dict:
        author = self.caller.require()
        clean = domain.validate_submission(fields)
        stamp = now()
        idea = Idea(
            id=str(uuid.uuid4()),
            title=clean["title"],
            problem=clean["problem"],
            proposal=clean["proposal"],
            benefit=clean["benefit"],
            status=domain.IdeaStatus.SUBMITTED,
            author_id=author.user_id,
            created_at=stamp,
            updated_at=stamp,
            tags=[IdeaTag(tag=t, position=i) for i, t in enumerate(clean["tags"])],
        )
        self.db.session.add(idea)
        self.db.emit(IdeaSubmitted(
            idea_id=idea.id, title=idea.title, problem=idea.problem, proposal=idea.proposal,
            tags=clean["tags"], author_id=idea.author_id, created_at=stamp.isoformat(),
        ))
        self.db.commit()
        return idea_dto(idea)

    @rpc
    def get_ideas(self, ids: list[str]) -> list[dict | None]:
        """Batch read in the order asked; None where an id is unknown."""
        self.caller.require()
        rows = self.db.session.scalars(select(Idea).where(Idea.id.in_(ids))).all()
        found = {idea.id: idea_dto(idea) for idea in rows}
        return [found.get(i) for i in ids]

    @rpc
    def list_ideas(self, first: int | None = None, after: str | None = None) -> dict:
        self.caller.require()
        offset, limit = page_window(first, after)
        total = self.db.session.scalar(select(func.count()).select_from(Idea))
        rows = self.db.session.scalars(
            select(Idea).order_by(Idea.created_at.desc(), Idea.id).offset(offset).limit(limit + 1)
        ).all()
        return page([idea_dto(i) for i in rows], offset, limit, total)

    @timer(interval=2)
    def relay_outbox(self) -> None:
        self.db.relay()
