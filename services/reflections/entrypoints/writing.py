"""Writing, changing and deleting one's own reflections (mixed into ReflectionsService)."""
from __future__ import annotations

from services.reflections import domain, store
from services.reflections.dto import reflection_dto
from services.reflections.entrypoints import changes
from services.reflections.links import check_links
from services.reflections.validation import clean_reflection
from shared.clock import now
from shared.entrypoints import rpc


class WritingEntrypoints:
    @rpc
    def write_reflection(self, fields: dict) -> dict:
        """A new reflection of the caller, in the caller's team; PRIVATE unless chosen."""
        author = self.caller.require()
        clean = clean_reflection(fields, author.team, store.prompt_ids(self.db.session))
        reflection = changes.create(self.db, changes.owners(self), author.user_id,
                                    author.team, clean, now())
        self.db.commit()
        return reflection_dto(reflection, author)

    @rpc
    def update_reflection(self, reflection_id: str, fields: dict) -> dict:
        """Changes the fields given. Choosing a visibility shares with the author's current
        team. NotFound for whoever may not read it, PermissionDenied for other readers."""
        author = self.caller.require()
        found = store.get_reflection(self.db.session, reflection_id)
        reflection = domain.require_author(author, found)
        clean = clean_reflection(fields, author.team, store.prompt_ids(self.db.session),
                                 partial=True)
        check_links(clean.get("links", []), changes.owners(self))
        before = changes.shared(reflection)
        reflection.team = domain.team_after_update(reflection.team, author,
                                                   "visibility" in clean)
        store.apply(reflection, clean)
        reflection.updated_at = now()
        changes.publish(self.db, reflection.id, before, changes.shared(reflection))
        self.db.commit()
        return reflection_dto(reflection, author)

    @rpc
    def delete_reflection(self, reflection_id: str) -> dict:
        """Deletes the row, its tags and links, and every event that carried its text."""
        author = self.caller.require()
        found = store.get_reflection(self.db.session, reflection_id)
        reflection = domain.require_author(author, found)
        before = changes.shared(reflection)
        store.delete_reflection(self.db.session, reflection)
        changes.publish(self.db, reflection_id, before, None)
        self.db.commit()
        self.db.fold_log()
        return {"id": reflection_id}
