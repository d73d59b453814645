"""Rows and values to plain, JSON-safe dicts, as the RPC methods return them."""
from __future__ import annotations

from services.reflections.domain import Viewer
from services.reflections.models import Reflection
from services.reflections.prompts import Prompt


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


def prompt_dto(prompt: Prompt) -> dict:
    return {"id": prompt.id, "title": prompt.title, "description": prompt.description,
            "questions": list(prompt.questions), "template": prompt.template(),
            "built_in": prompt.built_in}
