"""Events published by the growth service (exchange `growth`), through its outbox.

The notifications service decides who is told of them (its rule table): a reminder is
*due* (`check_in_reminder_due`, `one_on_one_reminder_due`) once per person and week or per
meeting, a report hears of a new rhythm (`one_on_ones_scheduled`) and of a manager's
reaction (`check_in_reacted`), and `kudos_given` names its recipient and whether it is
public (only PUBLIC kudos may go to a team's chat channel). The career service turns
`kudos_given` with a `skill` and a person recipient into skill evidence. No event carries
a mood, a check-in's text or a one-on-one's notes.

The RPCs the career service's mentoring calls for one-on-one action items (issue 22):
`add_action_item(one_on_one_id, text, owner_id)` and `complete_action_item(action_item_id)`,
the caller being the identity of the call context; both answer
`{"id", "text", "owner_id", "done", "created_at", "completed_at"}` and raise
`shared.errors.NotFound` for a one-on-one or item that is not the caller's."""
from __future__ import annotations

from shared.contracts.base import Contract


class CheckInSubmitted(Contract):
    event_type = "check_in_submitted"

    check_in_id: str
    person_id: str
    team: str | None
    week_of: str  # the Monday, ISO date
    problem_count: int


class CheckInReacted(Contract):
    event_type = "check_in_reacted"

    check_in_id: str
    person_id: str  # who checked in: the one to tell
    reacted_by: str
    emoji: str | None


class CheckInReminderDue(Contract):
    event_type = "check_in_reminder_due"

    person_id: str
    week_of: str


class OneOnOneScheduled(Contract):
    event_type = "one_on_ones_scheduled"

    series_id: str
    manager_id: str
    report_id: str
    every_days: int
    starts_at: str
    one_on_one_id: str | None = None  # the next meeting of the series


class OneOnOneReminderDue(Contract):
    event_type = "one_on_one_reminder_due"

    one_on_one_id: str
    manager_id: str
    report_id: str
    scheduled_at: str


class KudosGiven(Contract):
    event_type = "kudos_given"

    kudos_id: str
    from_id: str
    to_person_id: str | None
    to_team_id: str | None
    team: str | None  # the team it went to, or the recipient's team
    message: str
    visibility: str  # PUBLIC | PRIVATE
    skill: str | None = None
    link_kind: str | None = None  # IDEA | EXPERIMENT | GOAL
    link_id: str | None = None
    created_at: str
