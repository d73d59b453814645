"""The recommendation score and its reasons (pure functions, no model)."""
from __future__ import annotations

import numpy as np

from services.insights import scoring as rec

GAP = {"coverage": 0.5,
       "matched": [{"skill": {"id": "s1", "name": "operate forklift"}}],
       "under_level": [{"skill": {"id": "s2", "name": "lean manufacturing"}}],
       "missing": [{"skill": {"id": "s3", "name": "warehouse operations"}}]}


def test_the_score_blends_similarity_and_coverage_and_the_details_hold_every_number():
    candidate = rec.Candidate("o1", "Forklift cover", semantic=0.6)
    rec.apply_gap(candidate, GAP)
    assert candidate.score == round(rec.SEMANTIC_WEIGHT * 0.6 + rec.COVERAGE_WEIGHT * 0.5, 4)
    assert candidate.missing == ["warehouse operations", "lean manufacturing"]
    _, details = rec.explain(candidate, ["Raj Rider"])
    assert any("Profile similarity 0.60" in d for d in details)
    assert any("Skill coverage 50%" in d and "1 of 3" in d for d in details)
    assert details[-1] == f"Score {candidate.score:.2f} = 0.5 × 0.60 + 0.5 × 0.50"


def test_the_reasons_are_sentences_saying_what_matched_and_what_is_missing():
    candidate = rec.Candidate("o1", "Forklift cover", semantic=0.3, kind="GIG",
                              closest=rec.ProfilePart("interest", "lean", 0.52))
    rec.apply_gap(candidate, GAP)
    reasons, _ = rec.explain(candidate, ["Raj Rider"])
    assert reasons == [
        "You have operate forklift at the level asked; you have lean manufacturing, though "
        "below the level asked.",
        "Your interest in “lean” is close to this gig's description.",
        "Still to learn: warehouse operations.",
        "Raj Rider mentors in what you would learn."]
    assert not any(ch.isdigit() for r in reasons for ch in r)  # numbers are details


def test_reasons_when_nothing_is_held_and_when_everything_is():
    bare = rec.Candidate("o1", "x", semantic=0.1, kind="ROLE",
                         closest=rec.ProfilePart("skill", "SQL", 0.2))
    bare.coverage, bare.missing = 0.0, ["SQL"]
    assert rec.explain(bare, [])[0] == [
        "Few of your skills and interests match this role yet.", "Still to learn: SQL."]
    full = rec.Candidate("o2", "y", semantic=0.5, kind="PROJECT")
    full.coverage, full.matched = 1.0, ["SQL", "5S methodology", "lean manufacturing"]
    assert rec.explain(full, [])[0] == [
        "You have every skill this project asks for: SQL, 5S methodology and lean "
        "manufacturing.", "Your profile reads much like this project's description."]


def test_a_mentor_is_suggested_with_the_skills_asked_about():
    from services.insights.reasons import mentor_sentence
    assert mentor_sentence("Ana", ["SQL"], 1) == "Ana mentors in SQL: the skill you asked about."
    assert mentor_sentence("Ana", ["SQL", "5S methodology"], 3) == (
        "Ana mentors in SQL and 5S methodology: 2 of the 3 skills you asked about.")


def test_an_opportunity_like_a_dismissed_one_loses_part_of_its_similarity():
    vectors = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    dismissed = np.array([[0.96, 0.28]], dtype=np.float32)
    penalty, which = rec.dismissal_penalty(vectors, dismissed)
    assert penalty[0] > 0 and which[0] == 0
    assert penalty[1] == 0 and which[1] == -1  # not similar: untouched
    candidate = rec.Candidate("o1", "x", semantic=0.5, penalty=float(penalty[0]),
                              like_dismissed="Night gig")
    assert candidate.adjusted < 0.5
    reasons, details = rec.explain(candidate, [])
    assert reasons[-1] == ("Shown lower because it is like “Night gig”, which you marked not "
                           "interested.")
    assert any("Night gig" in d and "cut by" in d for d in details)


def test_mentors_are_those_offering_a_missing_skill():
    offers = [{"person": {"id": "p1", "name": "Raj"}, "skills": [{"name": "Warehouse Operations"}]},
              {"person": {"id": "p2", "name": "Sue"}, "skills": [{"name": "SQL"}]}]
    assert rec.mentors_for(["warehouse operations"], offers) == [{"id": "p1", "name": "Raj"}]
    assert rec.mentors_for([], offers) == []
