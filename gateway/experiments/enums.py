"""Enums of experiments."""
from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="PDCA: PLAN → DO → STUDY → ACT → CONCLUDED. ACT is where the "
                             "decision is made; concludeExperiment passes through it.")
class ExperimentStage(Enum):
    PLAN = "PLAN"
    DO = "DO"
    STUDY = "STUDY"
    ACT = "ACT"
    CONCLUDED = "CONCLUDED"


@strawberry.enum
class ExperimentDecision(Enum):
    ADOPT = "ADOPT"
    ADAPT = "ADAPT"
    ABANDON = "ABANDON"


@strawberry.enum(description="Which way the metric should move for the change to be an "
                             "improvement.")
class MetricDirection(Enum):
    INCREASE = "INCREASE"
    DECREASE = "DECREASE"


@strawberry.enum(description="Run-chart rules (Perla, Provost & Murray, BMJ Qual Saf 2011).")
class SignalKind(Enum):
    SHIFT = "SHIFT"
    TREND = "TREND"
    TOO_FEW_RUNS = "TOO_FEW_RUNS"
    TOO_MANY_RUNS = "TOO_MANY_RUNS"
    ASTRONOMICAL = "ASTRONOMICAL"
