"""Reading reflections: one, a batch, one's own and those shared with one (mixed into
ReflectionsService). Whoever may not read a reflection learns nothing of it."""
from __future__ import annotations

from sqlalchemy import Select
from sqlalchemy.orm import Session

from services.reflections import domain, store
from services.reflections.dto import reflection_dto
from services.reflections.validation import clean_filter
from shared.entrypoints import rpc
from shared.identity import Identity
from shared.pagination import page, page_window


class ReadingEntrypoints:
    @rpc
    def get_reflection(self, reflection_id: str) -> dict:
        viewer = self.caller.require()
        found = store.get_reflection(self.db.session, reflection_id)
        return reflection_dto(domain.require_readable(viewer, found), viewer)

    @rpc
    def get_reflections(self, ids: list[str]) -> list[dict | None]:
        """Batch read in the order asked; None where unknown or not the caller's to read."""
        viewer = self.caller.require()
        rows = store.reflections_by_id(self.db.session, ids)
        found = {r.id: reflection_dto(r, viewer) for r in rows if domain.can_read(viewer, r)}
        return [found.get(i) for i in ids]

    @rpc
    def list_my_reflections(self, filter: dict | None = None, first: int | None = None,
                            after: str | None = None) -> dict:
        viewer = self.caller.require()
        return _page(self.db.session, viewer, store.mine(viewer), filter, first, after)

    @rpc
    def list_team_reflections(self, filter: dict | None = None, first: int | None = None,
                              after: str | None = None) -> dict:
        """TEAM reflections of the caller's team and ORGANIZATION ones, the caller's too."""
        viewer = self.caller.require()
        return _page(self.db.session, viewer, store.shared_with(viewer), filter, first, after)


def _page(session: Session, viewer: Identity, query: Select, raw_filter: dict | None,
          first: int | None, after: str | None) -> dict:
    flt = clean_filter(raw_filter)
    offset, limit = page_window(first, after)
    rows, total = store.fetch_page(session, store.filtered(query, flt), offset, limit)
    return page([reflection_dto(r, viewer) for r in rows], offset, limit, total)
