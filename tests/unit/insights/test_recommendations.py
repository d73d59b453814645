"""The recommendation score and its reasons (pure functions, no model)."""
from __future__ import annotations

import numpy as np

from services.insights import scoring as rec

GAP = {"coverage": 0.5,
       "matched": [{"skill": {"id": "s1", "name": "operate forklift"}}],
       "under_level": [{"skill": {"id": "s2", "name": "lean manufacturing"}}],
       "missing": [{"skill": {"id": "s3", "name": "warehouse operations"}}]}


def test_the_score_blends_similarity_and_coverage_and_every_part_is_in_the_reasons():
    candidate = rec.Candidate("o1", "Forklift cover", semantic=0.6)
    rec.apply_gap(candidate, GAP)
    assert candidate.score == round(rec.SEMANTIC_WEIGHT * 0.6 + rec.COVERAGE_WEIGHT * 0.5, 4)
    assert candidate.missing == ["warehouse operations", "lean manufacturing"]
    reasons = rec.reasons(candidate, ["Raj Rider"])
    assert any("Profile match 0.60" in r for r in reasons)
    assert any("Skill coverage 50%" in r and "1 of 3" in r for r in reasons)
    assert "Missing skills: warehouse operations, lean manufacturing" in reasons
    assert any("Raj Rider" in r for r in reasons)
    assert reasons[-1] == f"Score {candidate.score:.2f} = 0.5 × 0.60 + 0.5 × 0.50"


def test_an_opportunity_like_a_dismissed_one_loses_part_of_its_similarity():
    vectors = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    dismissed = np.array([[0.96, 0.28]], dtype=np.float32)
    penalty, which = rec.dismissal_penalty(vectors, dismissed)
    assert penalty[0] > 0 and which[0] == 0
    assert penalty[1] == 0 and which[1] == -1  # not similar: untouched
    candidate = rec.Candidate("o1", "x", semantic=0.5, penalty=float(penalty[0]),
                              like_dismissed="Night gig")
    assert candidate.adjusted < 0.5
    assert any("Night gig" in r and "not interested" in r for r in rec.reasons(candidate, []))


def test_mentors_are_those_offering_a_missing_skill():
    offers = [{"person": {"id": "p1", "name": "Raj"}, "skills": [{"name": "Warehouse Operations"}]},
              {"person": {"id": "p2", "name": "Sue"}, "skills": [{"name": "SQL"}]}]
    assert rec.mentors_for(["warehouse operations"], offers) == [{"id": "p1", "name": "Raj"}]
    assert rec.mentors_for([], offers) == []
