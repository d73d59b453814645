"""A reflection becomes an improvement idea (mixed into ReflectionsService)."""
from __future__ import annotations

from services.reflections import domain, store
from services.reflections.dto import reflection_dto
from shared.entrypoints import rpc


class IdeaEntrypoints:
    @rpc
    def turn_into_idea(self, reflection_id: str, title: str) -> dict:
        """The author submits an idea from a reflection (their consent is this call); the
        idea records its source and the reflection the idea: linked both ways."""
        author = self.caller.require()
        found = store.get_reflection(self.db.session, reflection_id)
        reflection = domain.require_author(author, found)
        domain.require_no_idea_yet(reflection)
        idea = self.ideas_rpc.submit_idea({
            "title": title, "problem": domain.excerpt(reflection.body),
            "tags": store.tags_of(reflection), "source_reflection_id": reflection.id,
        })
        reflection.idea_id = idea["id"]
        self.db.commit()
        return {"reflection": reflection_dto(reflection, author), "idea": idea}
