"""Why something is suggested, in words a person reads: what matched, what is missing, who
can help. The numbers behind a suggestion are its `details`, shown on request, never the
reason itself. Pure functions over plain values, so every suggestion (an opportunity, a
mentor) words its reasons the same way."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

KIND_WORDS = {"ROLE": "role", "PROJECT": "project", "GIG": "gig", "MENTORING": "mentoring"}
# a part of the profile this close (cosine) to the description is named as what matched
CLOSE_PART = 0.35
# without a close part, a whole profile this close still reads as "much like"
CLOSE_PROFILE = 0.45


@dataclass(frozen=True)
class ProfilePart:
    """A piece of what a person wrote: ("interest", "lean"), ("headline", "...")."""
    kind: str
    text: str
    similarity: float


@dataclass(frozen=True)
class Evidence:
    """What a suggestion rests on, in the person's own terms."""
    thing: str = "opportunity"  # "gig", "role", "project": how the suggestion is named
    matched: Sequence[str] = ()  # skills held at the level asked
    under: Sequence[str] = ()  # held, but below the level asked
    missing: Sequence[str] = ()  # not held at all
    closest: ProfilePart | None = None
    profile_similarity: float = 0.0
    like_dismissed: str | None = None
    mentors: Sequence[str] = field(default_factory=tuple)


def listing(names: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def thing_of(kind: str | None) -> str:
    return KIND_WORDS.get(str(kind or "").upper(), "opportunity")


def sentences(e: Evidence) -> list[str]:
    """Two to four short sentences: what matched first, then what is missing."""
    said = [s for s in (_skills_held(e), _closeness(e)) if s]
    if not said:
        said.append(f"Few of your skills and interests match this {e.thing} yet.")
    said += [s for s in (_skills_missing(e), _mentors(e), _dismissed(e)) if s]
    return said


def _skills_held(e: Evidence) -> str:
    if e.matched and not (e.under or e.missing):
        return f"You have every skill this {e.thing} asks for: {listing(e.matched)}."
    parts = []
    if e.matched:
        parts.append(f"You have {listing(e.matched)} at the level asked")
    if e.under:
        parts.append(f"{'you' if parts else 'You'} have {listing(e.under)}, "
                     f"though below the level asked")
    return "; ".join(parts) + "." if parts else ""


def _closeness(e: Evidence) -> str:
    part = e.closest
    if part is not None and part.similarity >= CLOSE_PART:
        what = {"interest": "your interest in", "aspiration": "what you aspire to,",
                "headline": "your headline,", "skill": "your skill"}.get(part.kind, "your")
        return (f"{what[:1].upper()}{what[1:]} “{part.text}” is close to this "
                f"{e.thing}'s description.")
    if e.profile_similarity >= CLOSE_PROFILE:
        return f"Your profile reads much like this {e.thing}'s description."
    return ""


def _skills_missing(e: Evidence) -> str:
    if not e.missing:
        return ""
    return f"Still to learn: {listing(e.missing)}."


def _mentors(e: Evidence) -> str:
    if not e.mentors:
        return ""
    verb = "mentors" if len(e.mentors) == 1 else "mentor"
    return f"{listing(e.mentors)} {verb} in what you would learn."


def _dismissed(e: Evidence) -> str:
    if not e.like_dismissed:
        return ""
    return (f"Shown lower because it is like “{e.like_dismissed}”, which you marked "
            f"not interested.")


def mentor_sentence(name: str, skills: Sequence[str], asked: int) -> str:
    """One suggested mentor: who, in which of the skills asked about."""
    share = "the skill you asked about" if asked == 1 else (
        f"all {asked} skills you asked about" if len(skills) == asked else
        f"{len(skills)} of the {asked} skills you asked about")
    return f"{name} mentors in {listing(skills)}: {share}."
