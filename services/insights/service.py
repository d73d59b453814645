"""The insights service (the sentence model, a read model of other services' events):
composition only. The entrypoints are mixins in `entrypoints/`, one per use, reached through
their modules (`nameko run` starts every class with entrypoints in this namespace)."""
from __future__ import annotations

from services.insights.entrypoints import (
    career_events,
    experiment_events,
    idea_events,
    recommendations,
    reflection_events,
    reindex,
    similar,
    themes,
)
from services.insights.models import INBOX, OUTBOX
from services.insights.synced_indexes import Vectors
from shared import basics
from shared.db import Database
from shared.metrics import ServiceMetrics
from shared.rpc import RpcProxy
from shared.verify import Caller


class InsightsService(basics.ServiceBasics, idea_events.IdeaEventEntrypoints,
                      career_events.CareerEventEntrypoints,
                      reflection_events.ReflectionEventEntrypoints,
                      experiment_events.ExperimentEventEntrypoints, similar.SimilarEntrypoints,
                      themes.ThemeEntrypoints, recommendations.RecommendationEntrypoints,
                      reindex.ReindexEntrypoints):
    name = "insights"

    db = Database("insights", OUTBOX, INBOX)
    caller = Caller()
    metrics = ServiceMetrics()
    vectors = Vectors()
    career_rpc = RpcProxy("career")
