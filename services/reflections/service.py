"""The reflections service: the private journal. Private reflections never leave it but to
their author; shared ones are announced as events.

The entrypoints are grouped by use in mixins; each one checks the caller, applies the rules,
commits (events go to the outbox in the same transaction) and returns plain data. The mixins
are reached through their modules: `nameko run` takes every class with entrypoints in this
module's namespace for a service."""
from __future__ import annotations

from services.reflections.database import ReflectionsDatabase
from services.reflections.entrypoints import ideas, journal, prompts, reading, seeding, writing
from services.reflections.models import INBOX, OUTBOX
from shared import basics
from shared.metrics import ServiceMetrics
from shared.rpc import RpcProxy
from shared.verify import Caller


class ReflectionsService(basics.ServiceBasics, writing.WritingEntrypoints,
                         reading.ReadingEntrypoints, journal.JournalEntrypoints,
                         ideas.IdeaEntrypoints, prompts.PromptEntrypoints,
                         seeding.SeedEntrypoints):
    name = "reflections"

    db = ReflectionsDatabase("reflections", OUTBOX, INBOX)
    caller = Caller()
    metrics = ServiceMetrics()
    ideas_rpc = RpcProxy("ideas")
    experiments_rpc = RpcProxy("experiments")
    career_rpc = RpcProxy("career")
