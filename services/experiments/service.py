"""The experiments service: measured PDCA experiments whose run charts tell a real signal
from noise.

The entrypoints are grouped by use in mixins; each one checks the caller, calls the domain
rules, commits (events go to the outbox in the same transaction) and returns plain data.
The mixins are reached through their modules: `nameko run` takes every class with
entrypoints in this module's namespace for a service.

No entrypoint calls another service while it holds a row lock or an open write
transaction: under eventlet a lock wait inside the database driver blocks the whole
process, so the holder could never finish."""
from __future__ import annotations

from nameko.rpc import RpcProxy

from services.experiments import measurements, planning, stages
from services.experiments.models import INBOX, OUTBOX
from shared import basics
from shared.db import Database
from shared.identity import Caller
from shared.metrics import ServiceMetrics


class ExperimentsService(basics.ServiceBasics, planning.PlanningEntrypoints,
                         stages.StageEntrypoints, measurements.MeasurementEntrypoints):
    name = "experiments"

    db = Database("experiments", OUTBOX, INBOX)
    caller = Caller()
    metrics = ServiceMetrics()
    career_rpc = RpcProxy("career")  # members exist
    ideas_rpc = RpcProxy("ideas")  # the idea exists


