"""Input validation of the experiments service: raw input to typed values, or one
ValidationError naming every bad field in GraphQL spelling (`metric.target`, `startsOn`)
with nothing stored."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from services.experiments.domain import RATIOS, Decision, Direction, MetricKind, RuleSet, Stage
from shared import clock
from shared.errors import FieldErrors, ValidationError
from shared.text import one_line as text_one_line

TITLE_MIN, TITLE_MAX = 3, 140
TEXT_MAX = 5000
WHERE_ELSE_MAX = 2000
NAME_MAX, UNIT_MAX = 80, 20
NOTE_MAX = 500
MEMBERS_MAX = 20
FUTURE_SLACK = timedelta(days=1)  # a local date ahead of UTC is not a typo
LARGEST = 1e15  # keeps sums, ranges and medians of any series finite


@dataclass(frozen=True)
class Metric:
    name: str
    unit: str
    direction: str | None
    baseline: float | None
    target: float | None
    kind: str = MetricKind.MEASURE


@dataclass(frozen=True)
class Plan:
    """A new experiment's fields; None (and a problem in the FieldErrors) where one is bad.
    `member_ids` starts with the owner once `plans.checked` has made it."""

    title: str
    hypothesis: str
    metric: Metric
    starts_on: date | None
    ends_on: date | None
    member_ids: list[str]
    idea_id: str | None
    previous_id: str | None
    rules: str | None = None  # None: the organisation's default rule set


@dataclass(frozen=True)
class Conclusion:
    decision: str
    learnings: str
    where_else: str | None


@dataclass(frozen=True)
class Reading:
    """One measurement as recorded: its value at a moment (UTC), with an optional note. A
    PROPORTION or RATE point is a numerator and a denominator, and its value their ratio."""

    value: float
    at: datetime
    note: str | None
    numerator: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class ChartRequest:
    experiment_id: str
    rules: str | None  # None: the experiment's own
    screen: bool = True
    propose_after: int = 9  # a run this long on one side proposes a new part


@dataclass(frozen=True)
class Split:
    at: datetime
    reason: str


PROPOSE_MIN, PROPOSE_MAX = 6, 30


@dataclass(frozen=True)
class ExperimentFilter:
    stage: str | None = None
    idea_id: str | None = None
    member_id: str | None = None


def text(value: object, name: str, errors: FieldErrors, *, required: bool = False,
         limit: int = TEXT_MAX, one_line: bool = False) -> str:
    if value is not None and not isinstance(value, str):
        errors.add(name, "must be text")
        return ""
    clean = text_one_line(value or "") if one_line else (value or "").strip()
    errors.check(bool(clean) or not required, name, "is required")
    errors.check(len(clean) <= limit, name, f"at most {limit} characters")
    return clean


def number(value: object, name: str, errors: FieldErrors) -> float | None:
    clean = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            clean = float(value)
        except OverflowError:  # an integer beyond any float
            clean = None
    ok = clean is not None and math.isfinite(clean)
    errors.check(ok, name, "must be a finite number")
    small = not ok or abs(clean) <= LARGEST
    errors.check(small, name, f"must be between -{LARGEST:g} and {LARGEST:g}")
    return clean if ok and small else None


def day(value: object, name: str, errors: FieldErrors) -> date | None:
    try:
        parsed = date.fromisoformat(str(value or ""))
    except ValueError:
        errors.add(name, "must be a date (YYYY-MM-DD)")
        return None
    errors.check(clock.plausible(parsed), name, clock.PLAUSIBLE)
    return parsed


def moment(value: object, name: str, errors: FieldErrors, now: datetime) -> datetime | None:
    """An aware UTC datetime from an ISO text (a date alone is its midnight; no offset means
    UTC), not more than a day in the future."""
    try:
        parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        errors.add(name, "must be a date and time (ISO 8601, e.g. 2026-03-02T08:00:00Z)")
        return None
    if not clock.plausible(parsed.date()):
        errors.add(name, clock.PLAUSIBLE)
        return None
    at = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    errors.check(at <= now + FUTURE_SLACK, name, "cannot be in the future")
    return at


def metric(raw: object, errors: FieldErrors) -> Metric:
    fields = raw if isinstance(raw, dict) else {}
    errors.check(isinstance(raw, dict), "metric", "is required")
    clean = {"name": text(fields.get("name"), "metric.name", errors, required=True,
                          limit=NAME_MAX, one_line=True),
             "unit": text(fields.get("unit"), "metric.unit", errors, limit=UNIT_MAX,
                          one_line=True),
             "baseline": number(fields.get("baseline"), "metric.baseline", errors),
             "target": number(fields.get("target"), "metric.target", errors)}
    direction = fields.get("direction")
    errors.check(direction in set(Direction), "metric.direction", "must be INCREASE or DECREASE")
    clean["direction"] = direction
    clean["kind"] = fields.get("kind") or MetricKind.MEASURE
    errors.check(clean["kind"] in set(MetricKind), "metric.kind",
                 "must be MEASURE, PROPORTION, RATE or COUNT")
    _target_side(clean["baseline"], clean["target"], direction, errors)
    _in_range(clean["kind"], clean["baseline"], clean["target"], errors)
    return Metric(**clean)


def _in_range(kind: str, baseline: float | None, target: float | None,
              errors: FieldErrors) -> None:
    """A proportion's baseline and target are fractions (0.2 is 20 %); a rate or a count is
    never negative."""
    if kind not in set(MetricKind) or kind == MetricKind.MEASURE:
        return
    for name, value in (("metric.baseline", baseline), ("metric.target", target)):
        if value is None:
            continue
        if kind == MetricKind.PROPORTION:
            errors.check(0 <= value <= 1, name,
                         "must be a proportion between 0 and 1 (0.2 is 20 %)")
        else:
            errors.check(value >= 0, name, f"cannot be negative for a {kind} metric")


def _target_side(baseline: float | None, target: float | None, direction: object,
                 errors: FieldErrors) -> None:
    if baseline is None or target is None or direction not in set(Direction):
        return
    if direction == Direction.INCREASE:
        errors.check(target > baseline, "metric.target",
                     f"must be above the baseline ({baseline:g}) for a metric to INCREASE")
    else:
        errors.check(target < baseline, "metric.target",
                     f"must be below the baseline ({baseline:g}) for a metric to DECREASE")


def ids(value: object, name: str, errors: FieldErrors, limit: int = MEMBERS_MAX) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(i, str) and i for i in value):
        errors.add(name, "must be a list of ids")
        return []
    unique = list(dict.fromkeys(value))
    errors.check(len(unique) <= limit, name, f"at most {limit}")
    return unique


def optional_id(value: object, name: str, errors: FieldErrors) -> str | None:
    if value in (None, ""):
        return None
    ok = isinstance(value, str) and len(value) <= 36
    errors.check(ok, name, "is not an id")
    return value if ok else None


def plan(fields: dict, errors: FieldErrors) -> Plan:
    """A new experiment's fields; problems are added to `errors`, not raised, so the
    caller can add what the career and ideas services say before raising them all."""
    clean = {
        "title": text(fields.get("title"), "title", errors, required=True, limit=TITLE_MAX,
                      one_line=True),
        "hypothesis": text(fields.get("hypothesis"), "hypothesis", errors, required=True),
        "metric": metric(fields.get("metric"), errors),
        "starts_on": day(fields.get("starts_on"), "startsOn", errors),
        "ends_on": day(fields.get("ends_on"), "endsOn", errors),
        "member_ids": ids(fields.get("member_ids"), "memberIds", errors),
        "idea_id": optional_id(fields.get("idea_id"), "ideaId", errors),
        "previous_id": optional_id(fields.get("previous_experiment_id"),
                                   "previousExperimentId", errors),
        "rules": rule_set(fields.get("rules"), "rules", errors),
    }
    errors.check(len(clean["title"]) >= TITLE_MIN or not clean["title"], "title",
                 f"must be {TITLE_MIN} to {TITLE_MAX} characters")
    if clean["starts_on"] and clean["ends_on"]:
        errors.check(clean["ends_on"] >= clean["starts_on"], "endsOn",
                     "must be on or after startsOn")
    return Plan(**clean)


def conclusion(decision: object, learnings: object, where_else: object) -> Conclusion:
    errors = FieldErrors()
    errors.check(decision in set(Decision), "decision", "must be ADOPT, ADAPT or ABANDON")
    clean = Conclusion(decision, text(learnings, "learnings", errors, required=True),
                       text(where_else, "whereElse", errors, limit=WHERE_ELSE_MAX) or None)
    errors.raise_if_any()
    return clean


def follow_up(decision: object, given: dict | None) -> dict | None:
    """The fields of the follow-up a conclusion plans: only an ADAPT decision has one."""
    if given is not None and decision != Decision.ADAPT:
        raise ValidationError("only an ADAPT decision has a follow-up", field="followUp")
    return given


def rule_set(value: object, name: str, errors: FieldErrors) -> str | None:
    if value in (None, ""):
        return None
    errors.check(value in set(RuleSet), name, "must be IHI, ANHOEJ or NHS")
    return value if value in set(RuleSet) else None


def measurement(kind: str, at: object, note: object, now: datetime, *, value: object = None,
                numerator: object = None, denominator: object = None) -> Reading:
    """A reading of a `kind` metric: a value for MEASURE and COUNT, a numerator and a
    denominator for PROPORTION and RATE."""
    errors = FieldErrors()
    shape = point_values(kind, value, numerator, denominator, errors)
    clean = Reading(shape[0], moment(at, "at", errors, now),
                    text(note, "note", errors, limit=NOTE_MAX) or None, shape[1], shape[2])
    errors.raise_if_any()
    return clean


def point_values(kind: str, value: object, numerator: object, denominator: object,
                 errors: FieldErrors) -> tuple[float | None, float | None, float | None]:
    """(value, numerator, denominator) of one point as its metric's kind needs it; the
    problems (the wrong shape, a denominator of 0 or less, a proportion above 1) named."""
    if kind in RATIOS:
        errors.check(value is None, "value", f"a {kind} metric takes numerator and denominator, "
                                             "not value")
        return _ratio(kind, numerator, denominator, errors)
    for name, given in (("numerator", numerator), ("denominator", denominator)):
        errors.check(given is None, name, f"a {kind} metric takes value, not numerator and "
                                          "denominator")
    if value is None:
        errors.add("value", "is required")
        return None, None, None
    clean = number(value, "value", errors)
    if kind == MetricKind.COUNT and clean is not None:
        whole = clean >= 0 and clean == int(clean)
        errors.check(whole, "value", "must be a whole number of events, 0 or more")
        clean = clean if whole else None
    return clean, None, None


def _ratio(kind: str, numerator: object, denominator: object,
           errors: FieldErrors) -> tuple[float | None, float | None, float | None]:
    top = bottom = None
    if numerator is None:
        errors.add("numerator", "is required")
    else:
        top = number(numerator, "numerator", errors)
    if denominator is None:
        errors.add("denominator", "is required")
    else:
        bottom = number(denominator, "denominator", errors)
    if top is not None and top < 0:
        errors.add("numerator", "cannot be negative")
        top = None
    if bottom is not None and bottom <= 0:
        errors.add("denominator", f"must be above 0 (it was {bottom:g})")
        bottom = None
    if kind == MetricKind.PROPORTION and top is not None and bottom is not None \
            and top > bottom:
        errors.add("numerator", f"cannot be above the denominator ({bottom:g}) for a "
                                "proportion")
        top = None
    if top is None or bottom is None:
        return None, top, bottom
    return top / bottom, top, bottom


def chart_request(raw: object) -> ChartRequest:
    """[experiment id, rules or None, screen, propose after] as the gateway's loader sends
    it (the last two may be left out)."""
    errors = FieldErrors()
    fields = list(raw) if isinstance(raw, list | tuple) else []
    errors.check(2 <= len(fields) <= 4 and isinstance(fields[0], str), "rules",
                 "expected [experiment id, rules, screen, propose after]")
    errors.raise_if_any()
    fields += [True, 9][len(fields) - 2:]
    rules = rule_set(fields[1], "rules", errors)
    errors.check(isinstance(fields[2], bool), "screenMovingRanges", "must be true or false")
    after = fields[3]
    errors.check(isinstance(after, int) and not isinstance(after, bool)
                 and PROPOSE_MIN <= after <= PROPOSE_MAX, "proposeSplitAfter",
                 f"must be a whole number from {PROPOSE_MIN} to {PROPOSE_MAX}")
    errors.raise_if_any()
    return ChartRequest(fields[0], rules, fields[2], after)


def split(at: object, reason: object, measured_at: list[datetime], now: datetime) -> Split:
    """Where a new part starts and why: after the first measurement, so the part before it
    has a point."""
    errors = FieldErrors()
    moment_ = moment(at, "at", errors, now)
    clean = text(reason, "reason", errors, required=True, limit=NOTE_MAX)
    if moment_ is not None:
        errors.check(any(m < moment_ for m in measured_at), "at",
                     "must be after the first measurement: the part before it needs a point")
    errors.raise_if_any()
    return Split(moment_, clean)


def listing(raw: dict | None) -> ExperimentFilter:
    errors = FieldErrors()
    flt = {k: v for k, v in (raw or {}).items() if v not in (None, "")}
    if "stage" in flt:
        errors.check(flt["stage"] in set(Stage), "stage", "is not a stage")
    errors.raise_if_any()
    return ExperimentFilter(**{k: str(flt[k]) for k in ("stage", "idea_id", "member_id")
                               if k in flt})
