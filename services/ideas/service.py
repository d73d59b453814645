"""The ideas service: improvement ideas from submission to implemented.

Composition only: the entrypoints are mixins in `entrypoints/`, one per use, reached
through their modules (`nameko run` takes every class with entrypoints in this module's
namespace for a service)."""
from __future__ import annotations

from services.ideas.entrypoints import (
    campaigns,
    engagement,
    experiment_events,
    indexing,
    review,
    submissions,
)
from services.ideas.models import INBOX, OUTBOX
from shared import basics
from shared.db import Database
from shared.metrics import ServiceMetrics
from shared.verify import Caller


class IdeasService(basics.ServiceBasics, submissions.SubmissionEntrypoints,
                   engagement.EngagementEntrypoints, review.ReviewEntrypoints,
                   campaigns.CampaignEntrypoints, experiment_events.ExperimentEventEntrypoints,
                   indexing.IndexingEntrypoints):
    name = "ideas"

    db = Database("ideas", OUTBOX, INBOX)
    caller = Caller()
    metrics = ServiceMetrics()
