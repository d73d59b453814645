"""The pictures of docs/experiments.md are what the chart code draws today: regenerate them
with `.venv/bin/python -m scripts.chart_pictures docs/images` after changing a rule."""
from __future__ import annotations

from pathlib import Path

from scripts import chart_pictures

DOCS = Path(__file__).resolve().parents[3] / "docs" / "images"


def test_the_docs_pictures_are_current(tmp_path):
    chart_pictures.main(str(tmp_path))
    for drawn in sorted(tmp_path.glob("*.svg")):
        assert (DOCS / drawn.name).read_text() == drawn.read_text(), drawn.name


def test_each_kind_and_rule_set_has_a_picture_with_its_signal():
    kinds = {(e[2], e[3]) for e in chart_pictures.EXAMPLES}
    assert {k for k, _ in kinds} == {"MEASURE", "PROPORTION", "RATE", "COUNT"}
    assert {r for _, r in kinds} == {"IHI", "ANHOEJ", "NHS"}
