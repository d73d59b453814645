"""The experiments service: measured PDCA experiments whose run charts tell a real signal
from noise.

Composition only: the entrypoints are mixins in `entrypoints/`, one per use, reached
through their modules (`nameko run` takes every class with entrypoints in this module's
namespace for a service). No entrypoint calls another service while it holds a row lock or
an open write transaction (see README.md)."""
from __future__ import annotations

from services.experiments.entrypoints import charts, measurements, planning, stages
from services.experiments.models import INBOX, OUTBOX
from shared import basics
from shared.db import Database
from shared.metrics import ServiceMetrics
from shared.rpc import RpcProxy
from shared.verify import Caller


class ExperimentsService(basics.ServiceBasics, planning.PlanningEntrypoints,
                         stages.StageEntrypoints, measurements.MeasurementEntrypoints,
                        charts.ChartEntrypoints):
    name = "experiments"

    db = Database("experiments", OUTBOX, INBOX)
    caller = Caller()
    metrics = ServiceMetrics()
    career_rpc = RpcProxy("career")  # members exist
    ideas_rpc = RpcProxy("ideas")  # the idea exists
