"""A programme's figures, pure: counted from rows the store reads, never an individual
pair's notes, tasks or ratings (the mean rating needs MIN_RATED rated mentorships, so it
never is one pair's). The CSV's columns are COLUMNS, documented in the career README."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from statistics import mean, median

MIN_RATED = 3
COLUMNS = ("team", "enrolled_mentors", "enrolled_mentees", "matched_mentees", "match_rate",
           "median_days_to_first_session", "sessions_per_mentorship", "stuck_mentorships",
           "goals_completed", "mean_rating")
ALL_TEAMS = "(all)"


@dataclass(frozen=True)
class Enrolled:
    role: str
    team: str | None


@dataclass(frozen=True)
class Pair:
    """A matched mentorship (ACTIVE or CLOSED), as the report counts it."""

    mentee_id: str
    team: str | None  # the mentee's
    days_to_first_session: float | None
    sessions_held: int
    stuck: bool
    goals_completed: int
    ratings: tuple[int, ...]


def figures(enrolled: list[Enrolled], pairs: list[Pair], team: str | None = None) -> dict:
    if team is not None:
        enrolled = [e for e in enrolled if (e.team or "") == team]
        pairs = [p for p in pairs if (p.team or "") == team]
    mentees = sum(e.role == "MENTEE" for e in enrolled)
    matched = len({p.mentee_id for p in pairs})
    waits = [p.days_to_first_session for p in pairs if p.days_to_first_session is not None]
    rated = [p.ratings for p in pairs if p.ratings]
    return {
        "team": team, "enrolled_mentors": sum(e.role == "MENTOR" for e in enrolled),
        "enrolled_mentees": mentees, "matched_mentees": matched,
        "match_rate": round(matched / mentees, 3) if mentees else None,
        "median_days_to_first_session": round(median(waits), 1) if waits else None,
        "sessions_per_mentorship": round(mean(p.sessions_held for p in pairs), 2)
        if pairs else None,
        "stuck_mentorships": sum(p.stuck for p in pairs),
        "goals_completed": sum(p.goals_completed for p in pairs),
        "mean_rating": round(mean(r for rs in rated for r in rs), 2)
        if len(rated) >= MIN_RATED else None,
    }


def teams(enrolled: list[Enrolled]) -> list[str]:
    return sorted({e.team or "" for e in enrolled})


def to_csv(enrolled: list[Enrolled], pairs: list[Pair]) -> str:
    """One row for the whole programme, then one per team."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    rows = [{**figures(enrolled, pairs), "team": ALL_TEAMS},
            *[figures(enrolled, pairs, t) for t in teams(enrolled)]]
    for row in rows:
        writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS])
    return out.getvalue()
