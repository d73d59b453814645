"""`make eval FEEDBACK=file`: people's "not the same" pairs read from an export and counted
as non-duplicates in the calibration rows."""
from __future__ import annotations

import json

from services.insights import thresholds
from services.insights.evaluation.__main__ import calibration_rows
from services.insights.evaluation.datasets import feedback_pairs


def test_an_export_gives_its_pairs_and_skips_ideas_that_are_gone(tmp_path):
    path = tmp_path / "feedback.json"
    path.write_text(json.dumps({"pairs": [
        {"text": "draft one", "idea_text": "an idea", "score": 0.8},
        {"text": "draft two", "idea_text": "", "score": 0.7}]}))
    assert feedback_pairs(path) == [("draft one", "an idea")]


def test_feedback_flagged_at_the_threshold_moves_the_chosen_threshold_up():
    high, low = thresholds.DUPLICATE + 0.05, thresholds.DUPLICATE - 0.2  # duplicate scores
    scores = [0.95, 0.9, low, high, high]  # two duplicates, one other, two feedback pairs
    labels = [True, True, False, False, False]
    still, best = calibration_rows(scores, labels, 2)
    assert still["flagged"] == 2 and still["share"] == 1.0
    assert best["threshold"] > high and best["f1"] == 1.0
