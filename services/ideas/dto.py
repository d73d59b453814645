"""Plain, JSON-safe dicts of the ideas service's rows, built in batches (one query per
related table, never one per idea)."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from services.ideas import domain, store
from services.ideas.models import (
    Campaign,
    Comment,
    ExperimentLink,
    Idea,
    ReviewSettings,
    StatusChange,
)
from shared.pagination import encode_key


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def idea_dtos(session: Session, ideas: list[Idea]) -> list[dict]:
    ids = [i.id for i in ideas]
    comments = store.comment_counts(session, ids)
    duplicates = store.duplicate_ids(session, ids)
    return [_idea_dto(i, comments.get(i.id, 0), duplicates.get(i.id, [])) for i in ideas]


def idea_dto(session: Session, idea: Idea) -> dict:
    return idea_dtos(session, [idea])[0]


def _idea_dto(idea: Idea, comment_count: int, duplicate_ids: list[str]) -> dict:
    band = domain.priority_band(idea.impact, idea.effort)
    return {
        "id": idea.id,
        "title": idea.title,
        "problem": idea.problem,
        "proposal": idea.proposal,
        "benefit": idea.benefit,
        "area": idea.area,
        "tags": [t.tag for t in idea.tags],
        "status": idea.status,
        "author_id": idea.author_id,
        "campaign_id": idea.campaign_id,
        "vote_count": idea.vote_count,
        "comment_count": comment_count,
        "impact": idea.impact,
        "effort": idea.effort,
        "priority": idea.priority,
        "priority_band": band.value if band else None,
        "assessed_by": idea.assessed_by,
        "assessed_at": _iso(idea.assessed_at),
        "duplicate_of_id": idea.duplicate_of_id,
        "duplicate_ids": duplicate_ids,
        "source_reflection_id": idea.source_reflection_id,
        "source_ref": idea.source_ref,
        "created_at": idea.created_at.isoformat(),
        "updated_at": idea.updated_at.isoformat(),
    }


def index_page(session: Session, rows: list[Row], first: int, total: int | None) -> dict:
    """A page of the bulk read for insights from up to first+1 `store.ideas_to_index` rows:
    what insights indexes of each idea, and the cursor after the last one."""
    visible = rows[:first]
    tags = store.tags_of(session, [r.id for r in visible])
    items = [{"id": r.id, "title": r.title, "problem": r.problem, "proposal": r.proposal,
              "status": r.status, "author_id": r.author_id,
              "created_at": r.created_at.isoformat(), "tags": tags.get(r.id, [])}
             for r in visible]
    last = items[-1] if items else None
    return {"items": items, "has_next": len(rows) > first,
            "end_cursor": encode_key(last["created_at"], last["id"]) if last else None,
            **({"total": total} if total is not None else {})}


def comment_dto(comment: Comment) -> dict:
    return {
        "id": comment.id,
        "idea_id": comment.idea_id,
        "author_id": comment.author_id,
        "body": comment.body,
        "created_at": comment.created_at.isoformat(),
        "updated_at": comment.updated_at.isoformat(),
        "edited": comment.updated_at > comment.created_at,
    }


def history_dto(change: StatusChange) -> dict:
    return {
        "idea_id": change.idea_id,
        "from_status": change.from_status,
        "to_status": change.to_status,
        "changed_by": change.changed_by,
        "reason": change.reason,
        "changed_at": change.changed_at.isoformat(),
    }


def link_dto(link: ExperimentLink) -> dict:
    return {
        "idea_id": link.idea_id,
        "experiment_id": link.experiment_id,
        "title": link.title,
        "owner_id": link.owner_id,
        "decision": link.decision,
        "learnings": link.learnings,
        "started_at": _iso(link.started_at),
        "concluded_at": _iso(link.concluded_at),
    }


def campaign_dtos(session: Session, campaigns: list[Campaign], today: date) -> list[dict]:
    counts = store.idea_counts(session, [c.id for c in campaigns])
    return [_campaign_dto(c, counts.get(c.id, 0), today) for c in campaigns]


def _campaign_dto(campaign: Campaign, idea_count: int, today: date) -> dict:
    return {
        "id": campaign.id,
        "title": campaign.title,
        "description": campaign.description,
        "starts_on": campaign.starts_on.isoformat(),
        "ends_on": campaign.ends_on.isoformat(),
        "closed_at": _iso(campaign.closed_at),
        "is_open": domain.campaign_is_open(campaign, today),
        "created_by": campaign.created_by,
        "created_at": campaign.created_at.isoformat(),
        "idea_count": idea_count,
    }


def grouped(ids: list[str], rows: list, key: str, to_dto) -> list[list[dict]]:
    """Rows grouped by `key` in the order of `ids` (an empty list for an unknown id)."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(to_dto(row))
    return [groups.get(i, []) for i in ids]


def review_settings_dto(settings: ReviewSettings) -> dict:
    return {"allow_self_review": bool(settings.allow_self_review),
            "changed_by": settings.changed_by, "changed_at": _iso(settings.changed_at)}
