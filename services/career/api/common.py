"""Small helpers the entrypoint mixins share."""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from shared.clock import now
from shared.errors import NotFound


def today() -> date:
    return now().date()


def get_or_404(session: Session, model, id_: str, what: str):
    row = session.get(model, str(id_)) if id_ else None
    if row is None:
        raise NotFound(f"no {what} with id {id_}")
    return row
