"""Recommendations for the caller, and `not_interested` (mixed into InsightsService).
Only ever for the signed-in caller: there is no parameter naming someone else."""
from __future__ import annotations

import json

from sqlalchemy import select

from services.insights import recommendations as rec
from services.insights.documents import OPPORTUNITY, REFLECTION, stack
from services.insights.encoder import encode_off_hub
from services.insights.models import Dismissal, Document, Profile
from services.insights.texts import profile_text
from shared.clock import now
from shared.entrypoints import rpc
from shared.errors import NotFound, ValidationError

MAX_FIRST = 50


def _from_read_model(profile: Profile | None) -> dict:
    if profile is None:
        return {}
    return {"headline": profile.headline, "aspirations": profile.aspirations,
            "interests": json.loads(profile.interests),
            "skills": [{"skill": {"name": s["name"]}} for s in json.loads(profile.skills)]}


class RecommendationEntrypoints:
    @rpc
    def recommended_opportunities(self, first: int | None = None) -> list[dict]:
        """[{opportunity_id, score, reasons, matched_skills, missing_skills, mentors}]:
        never closed, own, already applied for or dismissed ones."""
        caller = self.caller.require()
        first = 10 if first is None else first
        if not isinstance(first, int) or not 1 <= first <= MAX_FIRST:
            raise ValidationError(f"must be between 1 and {MAX_FIRST}", "first")
        candidates = self._candidates(caller.user_id)
        short = rec.shortlist(candidates, first)
        found = self.career_rpc.skill_gaps([c.opportunity_id for c in short]) if short else []
        gaps = []
        for candidate, gap in zip(short, found, strict=True):
            if gap is not None:  # None: gone from the career service since the event
                rec.apply_gap(candidate, gap)
                gaps.append(candidate)
        best = rec.ranked(gaps, first)
        offers = self._mentor_offers(best)
        return [self._recommendation(c, rec.mentors_for(c.missing, offers)) for c in best]

    @rpc
    def not_interested(self, opportunity_id: str) -> dict:
        """Never recommended to the caller again; similar ones are ranked lower."""
        caller = self.caller.require()
        if self.db.session.get(Document, (OPPORTUNITY, str(opportunity_id))) is None:
            raise NotFound("no such opportunity")
        key = (caller.user_id, str(opportunity_id))
        if self.db.session.get(Dismissal, key) is None:
            self.db.session.add(Dismissal(person_id=key[0], opportunity_id=key[1],
                                          created_at=now()))
        self.db.commit()
        return {"opportunity_id": str(opportunity_id), "not_interested": True}

    def _candidates(self, person_id: str) -> list[rec.Candidate]:
        session = self.db.session
        index = self.vectors.synced(OPPORTUNITY, session)
        if not len(index):
            return []
        excluded = self._excluded(person_id)
        hits = index.search(self._profile_vector(person_id), len(index), exclude=excluded)
        rows = {r.id: r for r in session.scalars(select(Document).where(
            Document.kind == OPPORTUNITY, Document.id.in_([h[0] for h in hits])))}
        live = [(i, s) for i, s in hits if i in rows and rows[i].active
                and rows[i].author_id != person_id]
        candidates = [rec.Candidate(i, rows[i].title, s) for i, s in live]
        self._down_weight(candidates, [rows[i] for i, _ in live], person_id)
        return candidates

    def _excluded(self, person_id: str) -> set[str]:
        dismissed = set(self.db.session.scalars(select(Dismissal.opportunity_id).where(
            Dismissal.person_id == person_id)))
        applied = {a["opportunity_id"] for a in self.career_rpc.my_applications()
                   if a["status"] != "WITHDRAWN"}
        own = set(self.db.session.scalars(select(Document.id).where(
            Document.kind == OPPORTUNITY, Document.author_id == person_id)))
        return dismissed | applied | own

    def _down_weight(self, candidates, rows, person_id: str) -> None:
        dismissed = self.db.session.scalars(select(Document).join(
            Dismissal, Dismissal.opportunity_id == Document.id).where(
            Dismissal.person_id == person_id, Document.kind == OPPORTUNITY)).all()
        dismissed = [d for d in dismissed if d.embedding]  # not a tombstone
        if not dismissed or not rows:
            return
        penalty, which = rec.dismissal_penalty(stack([r.embedding for r in rows]),
                                               stack([d.embedding for d in dismissed]))
        for candidate, share, index in zip(candidates, penalty, which, strict=True):
            if index >= 0:
                candidate.penalty = float(share)
                candidate.like_dismissed = dismissed[int(index)].title

    def _profile_vector(self, person_id: str):
        found = self.career_rpc.get_profiles([person_id])[0]
        profile = found or _from_read_model(self.db.session.get(Profile, person_id))
        reflections = self.db.session.scalars(select(Document.text).where(
            Document.kind == REFLECTION, Document.author_id == person_id,
            Document.active.is_(True)).order_by(Document.created_at.desc()).limit(10)).all()
        text = profile_text(
            profile.get("headline", ""), [s["skill"]["name"] for s in profile.get("skills", [])],
            profile.get("interests", []), profile.get("aspirations", ""), list(reflections),
            [f"{e['title']}. {e['text']}" for e in profile.get("evidence", [])][:10])
        return encode_off_hub([text or "no profile yet"])[0]

    def _mentor_offers(self, best: list[rec.Candidate]) -> list[dict]:
        missing = sorted({s for c in best for s in c.missing})
        if not missing:
            return []
        return self.career_rpc.find_mentors(missing, first=50)

    @staticmethod
    def _recommendation(c: rec.Candidate, mentors: list[dict]) -> dict:
        return {"opportunity_id": c.opportunity_id, "score": c.score,
                "reasons": rec.reasons(c, [m["name"] for m in mentors]),
                "matched_skills": c.matched, "missing_skills": c.missing,
                "mentors": [{"id": m["id"], "name": m["name"]} for m in mentors]}
