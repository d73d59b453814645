"""Recommendations for the caller, and `not_interested` (mixed into InsightsService).
Only ever for the signed-in caller: there is no parameter naming someone else. The scoring
is scoring.py's; this module gathers what it scores."""
from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from services.insights import scoring, store, validation
from services.insights.documents import extra_of, from_bytes, stack
from services.insights.domain import OPPORTUNITY
from services.insights.dto import recommendation_dto
from services.insights.models import Document, Profile
from services.insights.recent_vectors import RecentVectors
from services.insights.texts import profile_text
from shared.entrypoints import rpc
from shared.errors import NotFound


def _from_read_model(profile: Profile | None) -> dict:
    """The last profile_updated, shaped like career's get_profiles answer."""
    if profile is None:
        return {}
    return {"headline": profile.headline, "aspirations": profile.aspirations,
            "interests": json.loads(profile.interests),
            "skills": [{"skill": {"name": s["name"]}} for s in json.loads(profile.skills)]}


# A profile is encoded once per change, not on every recommendation (per process).
PROFILE_VECTORS = RecentVectors()


@dataclass(frozen=True)
class ProfileVectors:
    vector: np.ndarray  # the whole profile
    parts: list[tuple[str, str]]  # (kind, text) of what the person wrote, one by one
    part_vectors: np.ndarray


def profile_parts(headline: str, interests: list[str], aspirations: str,
                  skills: list[str]) -> list[tuple[str, str]]:
    """The pieces a reason may name: the headline, each interest, the aspirations, each
    skill (at most 20 in all, so the encode stays one small batch)."""
    parts = [("headline", headline)] + [("interest", i) for i in interests] + [
        ("aspiration", aspirations)] + [("skill", s) for s in skills]
    return [(kind, " ".join(text.split())) for kind, text in parts if text and text.strip()][:20]


def down_weight(candidates: list[scoring.Candidate], rows: list[Document],
                dismissed: list[Document]) -> None:
    """Candidates like an opportunity the person dismissed weigh less (scoring's penalty)."""
    if not dismissed or not rows:
        return
    penalty, which = scoring.dismissal_penalty(stack([r.embedding for r in rows]),
                                               stack([d.embedding for d in dismissed]))
    for candidate, share, index in zip(candidates, penalty, which, strict=True):
        if index >= 0:
            candidate.penalty = float(share)
            candidate.like_dismissed = dismissed[int(index)].title


class RecommendationEntrypoints:
    @rpc
    def recommended_opportunities(self, first: int | None = None) -> list[dict]:
        """[{opportunity_id, score, reasons, matched_skills, missing_skills, mentors}]:
        never closed, own, already applied for or dismissed ones."""
        caller = self.caller.require()
        first = validation.first(first, 10, validation.MAX_FIRST)
        # career's two independent answers are asked for at once (one round trip, not two)
        asked_profile = self.career_rpc.get_profiles.call_async([caller.user_id])
        asked_applications = self.career_rpc.my_applications.call_async()
        profile = self._profile(caller.user_id, asked_profile.result()[0])
        applied = {a["opportunity_id"] for a in asked_applications.result()
                   if a["status"] != "WITHDRAWN"}
        short = scoring.shortlist(self._candidates(caller.user_id, profile.vector, applied),
                                  first)
        found = self.career_rpc.skill_gaps([c.opportunity_id for c in short]) if short else []
        gaps = []
        for candidate, gap in zip(short, found, strict=True):
            if gap is not None:  # None: gone from the career service since the event
                scoring.apply_gap(candidate, gap)
                gaps.append(candidate)
        best = scoring.ranked(gaps, first)
        self._explain(best, profile)
        offers = self._mentor_offers(best)
        return [recommendation_dto(c, scoring.mentors_for(c.missing, offers)) for c in best]

    @rpc
    def not_interested(self, opportunity_id: str) -> dict:
        """Never recommended to the caller again; similar ones are ranked lower."""
        caller = self.caller.require()
        if store.document(self.db.session, OPPORTUNITY, opportunity_id) is None:
            raise NotFound("no such opportunity")
        store.dismiss(self.db.session, caller.user_id, str(opportunity_id))
        self.db.commit()
        return {"opportunity_id": str(opportunity_id), "not_interested": True}

    def _explain(self, best: list[scoring.Candidate], profile: ProfileVectors) -> None:
        """Each candidate's kind, and the part of the profile closest to it."""
        rows = store.documents(self.db.session, OPPORTUNITY, [c.opportunity_id for c in best])
        for c in best:
            row = rows.get(c.opportunity_id)
            if row is not None:
                c.kind = extra_of(row).get("kind")
                c.closest = scoring.closest_part(profile.parts, profile.part_vectors,
                                                 from_bytes(row.embedding))

    def _candidates(self, person_id: str, vector: np.ndarray,
                    applied: set[str]) -> list[scoring.Candidate]:
        """Open opportunities not the person's own, by similarity to their profile; never
        one dismissed or `applied` for."""
        session = self.db.session
        index = self.vectors.synced(OPPORTUNITY, session)
        if not len(index):
            return []
        excluded = (store.dismissed_ids(session, person_id) | applied
                    | store.own_opportunity_ids(session, person_id))
        hits = index.search(vector, len(index), exclude=excluded)
        rows = store.documents(session, OPPORTUNITY, [h[0] for h in hits])
        live = [(i, s) for i, s in hits if i in rows and rows[i].active
                and rows[i].author_id != person_id]
        candidates = [scoring.Candidate(i, rows[i].title, s) for i, s in live]
        down_weight(candidates, [rows[i] for i, _ in live],
                    store.dismissed_opportunities(session, person_id))
        return candidates

    def _profile(self, person_id: str, found: dict | None) -> ProfileVectors:
        """`found`: career's profile of the person (None: the read model's copy)."""
        profile = found or _from_read_model(store.profile(self.db.session, person_id))
        skills = [s["skill"]["name"] for s in profile.get("skills", [])]
        text = profile_text(
            profile.get("headline", ""), skills, profile.get("interests", []),
            profile.get("aspirations", ""),
            store.recent_reflection_texts(self.db.session, person_id),
            [f"{e['title']}. {e['text']}" for e in profile.get("evidence", [])][:10])
        parts = profile_parts(profile.get("headline", ""), profile.get("interests", []),
                              profile.get("aspirations", ""), skills)
        vectors = PROFILE_VECTORS.encode([text or "no profile yet", *(t for _, t in parts)])
        return ProfileVectors(vectors[0], parts, vectors[1:])

    def _mentor_offers(self, best: list[scoring.Candidate]) -> list[dict]:
        missing = sorted({s for c in best for s in c.missing})
        if not missing:
            return []
        return self.career_rpc.find_mentors(missing, first=50)
