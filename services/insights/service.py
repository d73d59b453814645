"""The insights service: the sentence model and a read model built from other services'
events: similar ideas, themes, recommendations and prior experiments.

The entrypoints are grouped by use in mixins, reached through their modules: `nameko run`
takes every class with entrypoints in this module's namespace for a service."""
from __future__ import annotations

from nameko.rpc import RpcProxy

from services.insights import readmodel, recommending, reindex, similar, theme_views
from services.insights.models import INBOX, OUTBOX
from services.insights.vectors import Vectors
from shared import basics
from shared.db import Database
from shared.identity import Caller
from shared.metrics import ServiceMetrics


class InsightsService(basics.ServiceBasics, readmodel.ReadModelHandlers,
                      similar.SimilarEntrypoints, theme_views.ThemeEntrypoints,
                      recommending.RecommendationEntrypoints, reindex.ReindexEntrypoints):
    name = "insights"

    db = Database("insights", OUTBOX, INBOX)
    caller = Caller()
    metrics = ServiceMetrics()
    vectors = Vectors()
    career_rpc = RpcProxy("career")


