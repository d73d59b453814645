"""The caller's own journal as a whole: the writing habit and the export (mixed into
ReflectionsService). Nobody sees another person's."""
from __future__ import annotations

from services.reflections import store
from services.reflections.dto import reflection_dto
from services.reflections.export import export
from services.reflections.habit import habit
from shared.clock import now
from shared.entrypoints import rpc


class JournalEntrypoints:
    @rpc
    def reflection_habit(self) -> dict:
        """The caller's own weekly streak and count this week; nobody else's."""
        viewer = self.caller.require()
        return habit(store.written_at(self.db.session, viewer.user_id), now().date())

    @rpc
    def export_my_reflections(self, format: str) -> str:
        viewer = self.caller.require()
        rows = store.oldest_first(self.db.session, store.mine(viewer))
        titles = {p.id: p.title for p in store.prompts(self.db.session, include_archived=True)}
        return export([reflection_dto(r, viewer) for r in rows], format, titles)
