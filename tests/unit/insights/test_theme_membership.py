"""Which documents may be in a theme (domain.joins_themes), against a table written out
apart: themes are shown organisation-wide, so a reflection joins only when shared with the
whole organisation."""
from __future__ import annotations

import pytest

from services.insights import domain

JOINS = {
    ("IDEA", "SUBMITTED"): True,
    ("IDEA", "DECLINED"): True,  # counted apart as not live
    ("EXPERIMENT", "CONCLUDED"): True,
    ("REFLECTION", "ORGANIZATION"): True,
    ("REFLECTION", "TEAM"): False,
    ("REFLECTION", "PRIVATE"): False,
    ("REFLECTION", ""): False,
}


@pytest.mark.parametrize(("kind", "status"), list(JOINS))
def test_only_organisation_wide_reflections_join_themes(kind, status):
    assert domain.joins_themes(kind, status) is JOINS[(kind, status)]
