"""The growth service: goals with key results, weekly check-ins, one-on-ones and kudos.
Composition only: the mixins of `entrypoints/`, reached through their modules."""
from __future__ import annotations

from services.growth.entrypoints import (
    action_items,
    check_ins,
    experiment_events,
    goals,
    kudos,
    one_on_ones,
    problems,
    reminders,
    team,
)
from services.growth.models import INBOX, OUTBOX
from shared import basics
from shared.db import Database
from shared.metrics import ServiceMetrics
from shared.rpc import RpcProxy
from shared.verify import Caller


class GrowthService(basics.ServiceBasics, goals.GoalEntrypoints, check_ins.CheckInEntrypoints,
                    problems.ProblemEntrypoints, one_on_ones.OneOnOneEntrypoints,
                    action_items.ActionItemEntrypoints, kudos.KudosEntrypoints,
                    team.TeamEntrypoints, reminders.ReminderEntrypoints,
                    experiment_events.ExperimentEventEntrypoints):
    name = "growth"

    db = Database("growth", OUTBOX, INBOX)
    caller = Caller()
    metrics = ServiceMetrics()
    career_rpc = RpcProxy("career")
    ideas_rpc = RpcProxy("ideas")
    experiments_rpc = RpcProxy("experiments")
