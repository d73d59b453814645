"""Opportunity recommendations: a blend of what a person's profile says (semantic
similarity) and what they can already do (skill coverage from the career service's skill
gap). `explain` words why (reasons.py) and keeps the numbers as details. Pure functions:
no I/O."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from services.insights.reasons import Evidence, ProfilePart, sentences, thing_of

SEMANTIC_WEIGHT = 0.5
COVERAGE_WEIGHT = 0.5
# a dismissed opportunity pulls down others at least this similar to it ...
DISMISSED_SIMILAR = 0.5
# ... by up to this share of their semantic score (at similarity 1.0)
DISMISSED_PENALTY = 0.6
SHORTLIST_MIN = 20


@dataclass
class Candidate:
    opportunity_id: str
    title: str
    semantic: float
    penalty: float = 0.0
    like_dismissed: str | None = None  # title of the dismissed one it resembles
    coverage: float | None = None
    matched: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    under: list[str] = field(default_factory=list)
    kind: str | None = None  # ROLE, PROJECT, GIG
    closest: ProfilePart | None = None  # the part of the profile closest to it

    @property
    def adjusted(self) -> float:
        return max(0.0, self.semantic) * (1.0 - self.penalty)

    @property
    def score(self) -> float:
        coverage = 0.0 if self.coverage is None else self.coverage
        return round(SEMANTIC_WEIGHT * self.adjusted + COVERAGE_WEIGHT * coverage, 4)


def dismissal_penalty(vectors: np.ndarray, dismissed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate row: (penalty share, index of the most similar dismissed row or -1)."""
    if len(dismissed) == 0 or len(vectors) == 0:
        return np.zeros(len(vectors)), np.full(len(vectors), -1)
    sims = vectors @ dismissed.T
    best = sims.argmax(axis=1)
    top = sims[np.arange(len(vectors)), best]
    penalty = np.where(top >= DISMISSED_SIMILAR, DISMISSED_PENALTY * np.clip(top, 0, 1), 0.0)
    return penalty, np.where(top >= DISMISSED_SIMILAR, best, -1)


def shortlist(candidates: list[Candidate], first: int) -> list[Candidate]:
    """The best candidates by adjusted similarity, before asking for their skill gaps."""
    size = max(3 * first, SHORTLIST_MIN)
    return sorted(candidates, key=lambda c: (-c.adjusted, c.opportunity_id))[:size]


def apply_gap(candidate: Candidate, gap: dict) -> None:
    candidate.coverage = float(gap["coverage"])
    candidate.matched = [m["skill"]["name"] for m in gap["matched"]]
    candidate.under = [m["skill"]["name"] for m in gap["under_level"]]
    candidate.missing = [m["skill"]["name"] for m in gap["missing"]] + candidate.under


def ranked(candidates: list[Candidate], first: int) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (-c.score, c.opportunity_id))[:first]


def closest_part(parts: list[tuple[str, str]], vectors: np.ndarray,
                 opportunity: np.ndarray) -> ProfilePart | None:
    """The part of a profile (kind, text) whose embedding is nearest the opportunity's."""
    if not parts:
        return None
    sims = vectors @ opportunity
    best = int(np.argmax(sims))
    return ProfilePart(parts[best][0], parts[best][1], float(sims[best]))


def explain(c: Candidate, mentor_names: list[str]) -> tuple[list[str], list[str]]:
    """(reasons in words, the numbers behind them)."""
    missing = [m for m in c.missing if m not in c.under]
    words = sentences(Evidence(
        thing=thing_of(c.kind), matched=c.matched, under=c.under, missing=missing,
        closest=c.closest, profile_similarity=c.adjusted, like_dismissed=c.like_dismissed,
        mentors=mentor_names))
    return words, details(c)


def details(c: Candidate) -> list[str]:
    said = [f"Profile similarity {c.adjusted:.2f} (your headline, skills, interests, "
            f"aspirations, shared reflections and evidence against its text; weight "
            f"{SEMANTIC_WEIGHT:g})"]
    if c.closest is not None:
        said.append(f"Closest part of your profile: {c.closest.kind} “{c.closest.text}” "
                    f"({c.closest.similarity:.2f})")
    if c.like_dismissed:
        said.append(f"Similarity cut by {c.penalty:.0%}: like “{c.like_dismissed}”, "
                    f"marked not interested")
    if c.coverage is not None:
        total = len(c.matched) + len(c.missing)
        said.append(f"Skill coverage {c.coverage:.0%}: {len(c.matched)} of {total} skills "
                    f"at the level asked (weight {COVERAGE_WEIGHT:g})")
    said.append(f"Score {c.score:.2f} = {SEMANTIC_WEIGHT:g} × {c.adjusted:.2f} + "
                f"{COVERAGE_WEIGHT:g} × {(c.coverage or 0):.2f}")
    return said


def mentors_for(missing: list[str], offers: list[dict], limit: int = 3) -> list[dict]:
    """Mentors (find_mentors rows) offering any of `missing`, in the order found."""
    wanted = {m.casefold() for m in missing}
    chosen = [o["person"] for o in offers
              if wanted & {s["name"].casefold() for s in o["skills"]}]
    return chosen[:limit]
