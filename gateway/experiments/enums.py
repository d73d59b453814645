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


@strawberry.enum(description="What one point of a metric is, and so its control chart.")
class MetricKind(Enum):
    MEASURE = strawberry.enum_value("MEASURE", description="A value: run chart and XmR chart.")
    PROPORTION = strawberry.enum_value(
        "PROPORTION", description="Numerator of denominator (defective of inspected): p chart.")
    RATE = strawberry.enum_value(
        "RATE", description="Count per exposure (incidents per 1,000 hours): u chart.")
    COUNT = strawberry.enum_value("COUNT",
                                  description="Events per equal opportunity: c chart.")


@strawberry.enum(description="The special-cause rules a chart is read with.")
class RuleSet(Enum):
    IHI = strawberry.enum_value(
        "IHI", description="Run-chart rules of Perla, Provost & Murray (BMJ Qual Saf 2011).")
    ANHOEJ = strawberry.enum_value(
        "ANHOEJ", description="Anhøj's runs analysis (qicharts2): longest run and crossings.")
    NHS = strawberry.enum_value(
        "NHS", description="NHS England Making Data Count: XmR limits and its four rules.")


@strawberry.enum(description="The signal a rule set found. IHI: SHIFT, TREND, TOO_FEW_RUNS, "
                             "TOO_MANY_RUNS, ASTRONOMICAL; ANHOEJ: LONG_RUN, FEW_CROSSINGS, "
                             "OUTSIDE_LIMITS; NHS: OUTSIDE_LIMITS, TREND, TWO_OF_THREE, SHIFT.")
class SignalKind(Enum):
    SHIFT = "SHIFT"
    TREND = "TREND"
    TOO_FEW_RUNS = "TOO_FEW_RUNS"
    TOO_MANY_RUNS = "TOO_MANY_RUNS"
    ASTRONOMICAL = "ASTRONOMICAL"
    LONG_RUN = "LONG_RUN"
    FEW_CROSSINGS = "FEW_CROSSINGS"
    OUTSIDE_LIMITS = "OUTSIDE_LIMITS"
    TWO_OF_THREE = "TWO_OF_THREE"


@strawberry.enum(description="What a point shows, read with the metric's direction.")
class PointClassification(Enum):
    COMMON_CAUSE = "COMMON_CAUSE"
    SPECIAL_CAUSE_IMPROVEMENT = "SPECIAL_CAUSE_IMPROVEMENT"
    SPECIAL_CAUSE_CONCERN = "SPECIAL_CAUSE_CONCERN"
