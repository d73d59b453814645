"""The ideas service: improvement ideas from submission to implemented.

The entrypoints are grouped by use in mixins; each one checks the caller, calls the domain
rules, commits (events go to the outbox in the same transaction) and returns plain data.
The mixins are reached through their modules: `nameko run` takes every class with
entrypoints in this module's namespace for a service."""
from __future__ import annotations

from services.ideas import campaigns, engagement, experiment_events, review, submissions
from services.ideas.models import INBOX, OUTBOX
from shared import basics
from shared.db import Database
from shared.identity import Caller
from shared.metrics import ServiceMetrics


class IdeasService(basics.ServiceBasics, submissions.SubmissionEntrypoints,
                   engagement.EngagementEntrypoints, review.ReviewEntrypoints,
                   campaigns.CampaignEntrypoints, experiment_events.ExperimentEvents):
    name = "ideas"

    db = Database("ideas", OUTBOX, INBOX)
    caller = Caller()
    metrics = ServiceMetrics()


