"""Plain, JSON-safe data returned by the service."""
from __future__ import annotations

from services.reflections.domain import Viewer
from services.reflections.models import Reflection


def reflection_dto(reflection: Reflection, viewer: Viewer) -> dict:
    """Mood is the author's alone, even on a shared reflection (it is not part of what
    sharing publishes)."""
    mine = viewer.user_id == reflection.author_id
    return {
        "id": reflection.id,
        "author_id": reflection.author_id,
        "team": reflection.team,
        "visibility": reflection.visibility,
        "body": reflection.body,
        "prompt_id": reflection.prompt_id,
        "tags": [t.tag for t in reflection.tags],
        "mood": reflection.mood if mine else None,
        "links": [{"kind": link.kind, "id": link.target_id} for link in reflection.links],
        "idea_id": reflection.idea_id,
        "created_at": reflection.created_at.isoformat(),
        "updated_at": reflection.updated_at.isoformat(),
    }
