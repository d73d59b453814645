"""Above KAIZEN_ANN_THRESHOLD live documents a kind's index becomes approximate (HNSW),
built off the hub while the exact one answers; the answers stay the same and what changed
during the build is not lost."""
from __future__ import annotations

import eventlet
import pytest

from services.insights.ann_index import ApproximateIndex
from services.insights.synced_indexes import KindIndex, VectorIndexes
from services.insights.vector_index import VectorIndex
from shared.contracts.ideas import IdeaMerged
from tests.support.identities import BEN
from tests.unit.insights.support import message, submitted

TITLES = [f"Shadow board for torque wrenches at station {n}" for n in range(8)]


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setenv("KAIZEN_ANN_THRESHOLD", "5")


def similar(insights, text: str) -> list[str]:
    return [h["idea_id"] for h in insights.call("similar_ideas", text, identity=BEN)]


def idea_index(insights) -> KindIndex:
    indexes: VectorIndexes = insights.dependencies["vectors"]
    return indexes._indexes["IDEA"]


def test_a_large_kind_is_searched_approximately_with_the_same_answers(small_threshold,
                                                                      insights):
    for n, title in enumerate(TITLES[:4]):
        insights.handle("on_idea_submitted", submitted(f"i{n}", title))
    exact = similar(insights, TITLES[0])
    assert isinstance(idea_index(insights).index, VectorIndex)  # 4: below the threshold
    for n, title in enumerate(TITLES[4:], start=4):
        insights.handle("on_idea_submitted", submitted(f"i{n}", title))
    before = similar(insights, TITLES[0])  # 8 > 5: the build starts, exact still answers
    insights.handle("on_idea_merged", message(IdeaMerged(
        idea_id="i7", into_id="i0", merged_by=BEN.user_id), "ideas", seconds=5))
    similar(insights, TITLES[0])  # syncs the merge while the build runs
    for _ in range(200):
        if isinstance(idea_index(insights).index, ApproximateIndex):
            break
        eventlet.sleep(0.05)
    index = idea_index(insights).index
    assert isinstance(index, ApproximateIndex)
    assert "i7" not in index and len(index) == 7  # the merge during the build was kept
    after = similar(insights, TITLES[0])
    kept = [i for i in before if i != "i7"]
    assert "i7" not in after and after[:len(kept)] == kept and exact[0] == after[0] == "i0"
