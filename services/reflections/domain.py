"""Who may see and change a reflection, what leaves the service, who seeds, and that a
reflection becomes one idea at most.

Private means the author alone: no role (manager, admin) reads another person's private
reflection, and the answer to anyone else is the same as for an id that does not exist.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from shared.errors import Conflict, NotFound, PermissionDenied

NOT_FOUND = "no reflection with that id"
ONLY_THE_AUTHOR = "only the author can change this reflection"
ONLY_THE_SEED = "only the system seed imports reflections"


class Visibility(StrEnum):
    PRIVATE = "PRIVATE"
    TEAM = "TEAM"
    ORGANIZATION = "ORGANIZATION"


SHARED = frozenset({Visibility.TEAM, Visibility.ORGANIZATION})


class Viewer(Protocol):
    user_id: str
    team: str | None


class Seeder(Protocol):
    user_id: str

    def has(self, role: str) -> bool: ...


class Shareable(Protocol):
    id: str
    author_id: str
    team: str | None
    visibility: str
    body: str


class IdeaSource(Protocol):
    idea_id: str | None


@dataclass(frozen=True)
class SharedView:
    """What the outside world may know of a shared reflection (the reflection_shared event)."""

    reflection_id: str
    author_id: str
    team: str | None
    visibility: str
    text: str
    tags: tuple[str, ...]


def can_read(viewer: Viewer, reflection: Shareable) -> bool:
    if viewer.user_id == reflection.author_id:
        return True
    if reflection.visibility == Visibility.ORGANIZATION:
        return True
    return (reflection.visibility == Visibility.TEAM and reflection.team is not None
            and viewer.team == reflection.team)


def require_readable(viewer: Viewer, reflection: Shareable | None) -> Shareable:
    """The reflection, or NotFound worded exactly as for an id that does not exist."""
    if reflection is None or not can_read(viewer, reflection):
        raise NotFound(NOT_FOUND)
    return reflection


def require_author(viewer: Viewer, reflection: Shareable | None) -> Shareable:
    """Only the author changes a reflection; who cannot even read it gets NotFound."""
    require_readable(viewer, reflection)
    if viewer.user_id != reflection.author_id:
        raise PermissionDenied(ONLY_THE_AUTHOR)
    return reflection


def team_after_update(current: str | None, author: Viewer, visibility_chosen: bool
                      ) -> str | None:
    """Choosing a visibility (again) shares with the author's team of today; any other
    change leaves the reflection with the team it was shared with."""
    return author.team if visibility_chosen else current


def shared_view(reflection: Shareable | None, tags: list[str]) -> SharedView | None:
    """What the outside world may know of it: None while it is private."""
    if reflection is None or reflection.visibility not in SHARED:
        return None
    return SharedView(reflection_id=reflection.id, author_id=reflection.author_id,
                      team=reflection.team, visibility=reflection.visibility,
                      text=reflection.body, tags=tuple(tags))


def publication(before: SharedView | None, after: SharedView | None) -> str | None:
    """The event a change causes, from the shared views before and after it (None when
    private or deleted): 'shared', 'unshared' or nothing."""
    if after is not None and after != before:
        return "shared"
    if before is not None and after is None:
        return "unshared"
    return None


def excerpt(body: str, limit: int = 2000) -> str:
    """The start of a body, cut at a word boundary, for an idea's problem statement."""
    text = body.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def require_no_idea_yet(reflection: IdeaSource) -> None:
    """The author's consent to turn a reflection into an idea covers one idea."""
    if reflection.idea_id:
        raise Conflict(f"this reflection already became idea {reflection.idea_id}; "
                       "a reflection becomes one idea at most")


def require_seed(caller: Seeder, seed_user_id: str) -> None:
    """Back-dated reflections with any author are for the demo seed alone: the system
    identity with the admin role, never an admin person."""
    if caller.user_id != seed_user_id or not caller.has("admin"):
        raise PermissionDenied(ONLY_THE_SEED)
