"""People's "not the same" on a suggested duplicate: recorded once per person, idea and
draft, read back in pages for calibration (`kaizen-insights feedback`)."""
from __future__ import annotations

import hashlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.insights.domain import IDEA
from services.insights.models import Document, DuplicateFeedback
from shared.clock import now
from shared.pagination import page


def record(session: Session, person_id: str, idea_id: str, text: str,
           score: float) -> DuplicateFeedback:
    """Idempotent: the same person saying it again of the same idea and draft adds nothing."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    row = session.get(DuplicateFeedback, (person_id, idea_id, digest))
    if row is None:
        row = DuplicateFeedback(person_id=person_id, idea_id=idea_id, text_sha256=digest,
                                text=text, score=score, created_at=now())
        session.add(row)
    return row


def pairs_page(session: Session, offset: int, first: int) -> dict:
    """Oldest first: {items: [{text, idea_id, idea_text, score, at}], ...}; `idea_text` is
    the text insights embedded for the idea (title and body; empty once the idea is gone)."""
    rows = session.execute(
        select(DuplicateFeedback, Document.text)
        .outerjoin(Document, (Document.kind == IDEA) & (Document.id == DuplicateFeedback.idea_id))
        .order_by(DuplicateFeedback.created_at, DuplicateFeedback.person_id,
                  DuplicateFeedback.idea_id, DuplicateFeedback.text_sha256)
        .offset(offset).limit(first + 1)).all()
    total = session.scalar(select(func.count()).select_from(DuplicateFeedback)) or 0
    items = [{"text": f.text, "idea_id": f.idea_id,
              "idea_text": text or "",
              "score": round(f.score, 4), "at": f.created_at.isoformat()}
             for f, text in rows]
    return page(items, offset, first, total)
