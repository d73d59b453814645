"""Who is told what: the kinds of notice, and one rule per event that names the recipients.

Rules are pure functions of the event's contract and a Directory (what the service knows
about ideas, opportunities and people from earlier events). A notice never carries what the
event's readers could not see: no reflection text, no skill gaps, no application notes (the
contracts hold none). Nobody is told about what they did themselves."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Protocol

from shared.contracts import Contract
from shared.contracts import career as c
from shared.contracts import experiments as x
from shared.contracts import growth as g
from shared.contracts import ideas as i


@dataclass(frozen=True)
class Kind:
    label: str
    email: bool = True  # the defaults of a person who never changed this kind
    in_app: bool = True
    chat: bool = True
    team_visible: bool = True  # may go to a team's chat channel (not personal matters)


KINDS: dict[str, Kind] = {
    "IDEA_STATUS_CHANGED": Kind("Your idea changed status"),
    "IDEA_MERGED": Kind("Your idea was merged into another"),
    "IDEA_COMMENTED": Kind("A comment on your idea"),
    "IDEA_EXPERIMENT_CONCLUDED": Kind("An experiment on your idea concluded"),
    "IDEA_SUBMITTED": Kind("A new idea to review"),
    "RUN_CHART_SIGNAL": Kind("A new signal in your experiment's run chart"),
    "MEASUREMENT_OVERDUE": Kind("A planned measurement is overdue"),
    "REFLECTION_PROMPT": Kind("Your weekly reflection prompt (ask for it here)", in_app=False,
                              email=False, chat=False, team_visible=False),
    "APPLICATION_RECEIVED": Kind("A new application to your opportunity", team_visible=False),
    "APPLICATION_DECIDED": Kind("A decision on your application", team_visible=False),
    "MENTORING_REQUESTED": Kind("A mentoring request", team_visible=False),
    "MENTORING_MATCH_REQUESTED": Kind("A mentee asks you in a programme", team_visible=False),
    "MENTORING_MATCH_DECIDED": Kind("An answer to a mentoring match", team_visible=False),
    "MENTORING_SESSION_SCHEDULED": Kind("A mentoring session planned", team_visible=False),
    "MENTORING_SESSION_DUE": Kind("A mentoring session tomorrow", team_visible=False),
    "MENTORSHIP_STUCK": Kind("A pair in your programme went quiet", team_visible=False),
    "MENTORSHIP_CLOSED": Kind("A mentorship closed", team_visible=False),
    "CHECK_IN_DUE": Kind("Time for your weekly check-in", team_visible=False),
    "CHECK_IN_REACTED": Kind("A reaction to your check-in", team_visible=False),
    "ONE_ON_ONES_SCHEDULED": Kind("One-on-ones planned with you", team_visible=False),
    "ONE_ON_ONE_DUE": Kind("A one-on-one tomorrow", team_visible=False),
    "KUDOS_RECEIVED": Kind("Kudos for you or your team"),
}


@dataclass(frozen=True)
class Notice:
    recipient_id: str  # "" for a notice only team channels hear (kudos to a team)
    kind: str
    title: str
    body: str
    subject_type: str  # IDEA | EXPERIMENT | OPPORTUNITY | MENTORING | MENTORSHIP
    #                    | MENTORING_PROGRAMME | CHECK_IN | ONE_ON_ONE | KUDOS
    subject_id: str
    subject_title: str
    actor_id: str | None
    owner_id: str | None = None  # whose the subject is: its team's chat channels hear of it
    team: str | None = None  # the team whose channels hear of it, when not the owner's
    private: bool = False  # this one never goes to a team channel, whatever its kind


@dataclass(frozen=True)
class IdeaRef:
    id: str
    title: str
    author_id: str
    area: str | None
    author_team: str | None


@dataclass(frozen=True)
class OpportunityRef:
    id: str
    title: str
    owner_id: str


class Directory(Protocol):
    def idea(self, idea_id: str) -> IdeaRef | None: ...
    def opportunity(self, opportunity_id: str) -> OpportunityRef | None: ...
    def reviewers_for(self, teams: set[str]) -> list[str]: ...
    def name_of(self, person_id: str | None) -> str: ...
    def team_of(self, person_id: str | None) -> str | None: ...


def reviewers_of(idea: IdeaRef, directory: Directory) -> list[str]:
    """Reviewers of the author's team or of the team the idea's area names; every reviewer
    when neither team has one (an idea never waits unseen)."""
    teams = {t for t in (idea.author_team, idea.area) if t}
    return directory.reviewers_for(teams) or directory.reviewers_for(set())


def _status_changed(e: i.IdeaStatusChanged, d: Directory) -> list[Notice]:
    body = f"{d.name_of(e.changed_by)} moved it from {e.from_status} to {e.to_status}."
    if e.reason:
        body += f" Reason: {e.reason}"
    return [Notice(e.author_id, "IDEA_STATUS_CHANGED", f"“{e.title}” is now {e.to_status}",
                   body, "IDEA", e.idea_id, e.title, e.changed_by, e.author_id)]


def _merged(e: i.IdeaMerged, d: Directory) -> list[Notice]:
    duplicate, into = d.idea(e.idea_id), d.idea(e.into_id)
    if duplicate is None:
        return []
    into_title = into.title if into else "another idea"
    return [Notice(duplicate.author_id, "IDEA_MERGED",
                   f"“{duplicate.title}” was merged into “{into_title}”",
                   f"{d.name_of(e.merged_by)} merged it; votes and comments continue there.",
                   "IDEA", e.into_id, into_title, e.merged_by, duplicate.author_id)]


def _commented(e: i.IdeaCommented, d: Directory) -> list[Notice]:
    return [Notice(e.author_id, "IDEA_COMMENTED",
                   f"{d.name_of(e.commenter_id)} commented on “{e.title}”", e.excerpt,
                   "IDEA", e.idea_id, e.title, e.commenter_id, e.author_id)]


def _submitted(e: i.IdeaSubmitted, d: Directory) -> list[Notice]:
    idea = d.idea(e.idea_id) or IdeaRef(e.idea_id, e.title, e.author_id, e.area, None)
    return [Notice(r, "IDEA_SUBMITTED", f"New idea to review: “{e.title}”",
                   f"{d.name_of(e.author_id)} submitted it.", "IDEA", e.idea_id, e.title,
                   e.author_id, e.author_id) for r in reviewers_of(idea, d) or [e.author_id]]


def _concluded(e: x.ExperimentConcluded, d: Directory) -> list[Notice]:
    idea = d.idea(e.idea_id) if e.idea_id else None
    if idea is None:
        return []
    return [Notice(idea.author_id, "IDEA_EXPERIMENT_CONCLUDED",
                   f"The experiment “{e.title}” on your idea concluded: {e.decision}",
                   e.learnings, "IDEA", idea.id, idea.title, e.owner_id, idea.author_id)]


def _signalled(e: x.RunChartSignalled, _d: Directory) -> list[Notice]:
    people = dict.fromkeys([e.owner_id, *e.member_ids])
    body = " ".join(e.descriptions)
    title = f"“{e.title}”: the run chart shows {', '.join(sorted(set(e.kinds))).lower()}"
    return [Notice(p, "RUN_CHART_SIGNAL", title, body, "EXPERIMENT", e.experiment_id,
                   e.title, e.recorded_by, e.owner_id) for p in people]


def _applied(e: c.ApplicationSubmitted, d: Directory) -> list[Notice]:
    opening = d.opportunity(e.opportunity_id)
    if opening is None:
        return []
    return [Notice(opening.owner_id, "APPLICATION_RECEIVED",
                   f"{d.name_of(e.applicant_id)} applied to “{opening.title}”", "",
                   "OPPORTUNITY", opening.id, opening.title, e.applicant_id,
                   opening.owner_id)]


def _decided(e: c.ApplicationDecided, d: Directory) -> list[Notice]:
    opening = d.opportunity(e.opportunity_id)
    title = opening.title if opening else "an opportunity"
    word = "accepted" if e.decision == "ACCEPT" else "declined"
    return [Notice(e.applicant_id, "APPLICATION_DECIDED",
                   f"Your application to “{title}” was {word}", "", "OPPORTUNITY",
                   e.opportunity_id, title, opening.owner_id if opening else None,
                   opening.owner_id if opening else None)]


def _mentoring(e: c.MentoringRequested, d: Directory) -> list[Notice]:
    skills = ", ".join(e.skills)
    return [Notice(e.mentor_id, "MENTORING_REQUESTED",
                   f"{d.name_of(e.mentee_id)} asks you to mentor them",
                   f"Skills: {skills}" if skills else "", "MENTORING", e.request_id,
                   skills, e.mentee_id, e.mentor_id)]


def _pair(e, d: Directory) -> str:
    return f"{d.name_of(e.mentor_id)} and {d.name_of(e.mentee_id)}"


def _when(at: str) -> str:
    return datetime.fromisoformat(at).astimezone(UTC).strftime("%a %d %b %Y, %H:%M UTC")


def _match_requested(e: c.MentoringMatchRequested, d: Directory) -> list[Notice]:
    return [Notice(e.mentor_id, "MENTORING_MATCH_REQUESTED",
                   f"{d.name_of(e.mentee_id)} asks you to be their mentor", "",
                   "MENTORSHIP", e.mentorship_id, _pair(e, d), e.mentee_id, e.mentor_id)]


def _match_decided(e: c.MentoringMatchDecided, d: Directory) -> list[Notice]:
    """The mentee hears the answer; when a coordinator set the match, the mentor too."""
    if e.decision == "ACCEPT":
        title = f"{d.name_of(e.mentor_id)} and {d.name_of(e.mentee_id)} are now matched"
    else:
        title = f"{d.name_of(e.mentor_id)} declined the mentoring match"
    return [Notice(p, "MENTORING_MATCH_DECIDED", title, "", "MENTORSHIP", e.mentorship_id,
                   _pair(e, d), e.decided_by, e.mentee_id)
            for p in dict.fromkeys([e.mentee_id, e.mentor_id])]


def _session_scheduled(e: c.SessionScheduled, d: Directory) -> list[Notice]:
    title = f"{d.name_of(e.scheduled_by)} planned a mentoring session: {_when(e.at)}"
    body = f"{e.duration_minutes} minutes. Add to the agenda before it begins."
    return [Notice(p, "MENTORING_SESSION_SCHEDULED", title, body, "MENTORSHIP",
                   e.mentorship_id, _pair(e, d), e.scheduled_by, e.mentee_id)
            for p in (e.mentor_id, e.mentee_id)]


def _session_due(e: c.MentoringSessionDue, d: Directory) -> list[Notice]:
    title = f"Mentoring session {_when(e.at)}"
    body = f"{_pair(e, d)}, {e.duration_minutes} minutes. Anything for the agenda?"
    return [Notice(p, "MENTORING_SESSION_DUE", title, body, "MENTORSHIP", e.mentorship_id,
                   _pair(e, d), None, e.mentee_id) for p in (e.mentor_id, e.mentee_id)]


def _stuck(e: c.MentorshipStuck, d: Directory) -> list[Notice]:
    """The programme's coordinators: names and the last activity's date, nothing of what
    the pair wrote."""
    if not e.programme_id:
        return []
    since = datetime.fromisoformat(e.last_activity_at).astimezone(UTC).date().isoformat()
    return [Notice(p, "MENTORSHIP_STUCK", f"{_pair(e, d)} have gone quiet",
                   f"No session, note or goal update since {since}.", "MENTORING_PROGRAMME",
                   e.programme_id, _pair(e, d), None, None) for p in e.coordinator_ids]


def _closed(e: c.MentorshipClosed, d: Directory) -> list[Notice]:
    return [Notice(p, "MENTORSHIP_CLOSED",
                   f"{d.name_of(e.closed_by)} closed your mentorship",
                   "Leave your rating and a short reflection.", "MENTORSHIP",
                   e.mentorship_id, _pair(e, d), e.closed_by, e.mentee_id)
            for p in (e.mentor_id, e.mentee_id)]


def _check_in_due(e: g.CheckInReminderDue, _d: Directory) -> list[Notice]:
    week = date.fromisoformat(e.week_of)
    return [Notice(e.person_id, "CHECK_IN_DUE", f"Your check-in for the week of {week:%d %b}",
                   "Plans, progress, problems: two minutes, and your manager sees them.",
                   "CHECK_IN", e.week_of, f"Week of {week:%d %b %Y}", None, e.person_id)]


def _check_in_reacted(e: g.CheckInReacted, d: Directory) -> list[Notice]:
    """The person hears who reacted; the comment stays in the check-in."""
    emoji = f" {e.emoji}" if e.emoji else ""
    return [Notice(e.person_id, "CHECK_IN_REACTED",
                   f"{d.name_of(e.reacted_by)} reacted to your check-in{emoji}", "",
                   "CHECK_IN", e.check_in_id, "Your check-in", e.reacted_by, e.person_id)]


def _one_on_ones_scheduled(e: g.OneOnOneScheduled, d: Directory) -> list[Notice]:
    weeks = {7: "every week", 14: "every two weeks", 28: "every four weeks"}
    rhythm = weeks.get(e.every_days, f"every {e.every_days} days")
    return [Notice(e.report_id, "ONE_ON_ONES_SCHEDULED",
                   f"{d.name_of(e.manager_id)} planned one-on-ones with you, {rhythm}",
                   f"From {_when(e.starts_at)}. Add to the agenda any time.", "ONE_ON_ONE",
                   e.one_on_one_id or "", "One-on-ones", e.manager_id, e.report_id)]


def _one_on_one_due(e: g.OneOnOneReminderDue, d: Directory) -> list[Notice]:
    pair = f"{d.name_of(e.manager_id)} and {d.name_of(e.report_id)}"
    return [Notice(p, "ONE_ON_ONE_DUE", f"One-on-one {_when(e.scheduled_at)}",
                   f"{pair}. Anything for the agenda?", "ONE_ON_ONE", e.one_on_one_id,
                   pair, None, e.report_id) for p in (e.manager_id, e.report_id)]


def _kudos(e: g.KudosGiven, d: Directory) -> list[Notice]:
    """A person's kudos tell them; a team's reach its channels (and its people there).
    PRIVATE kudos stay between the two: never in a channel."""
    giver = d.name_of(e.from_id)
    to = d.name_of(e.to_person_id) if e.to_person_id else f"the {e.to_team_id} team"
    notice = Notice(e.to_person_id or "", "KUDOS_RECEIVED", f"{giver} gave kudos to {to}",
                    e.message, "KUDOS", e.kudos_id, e.team or "", e.from_id,
                    e.to_person_id, team=e.team, private=e.visibility != "PUBLIC")
    return [notice]


Rule = Callable[[Contract, Directory], list[Notice]]
RULES: dict[str, Rule] = {
    "idea_status_changed": _status_changed,
    "idea_merged": _merged,
    "idea_commented": _commented,
    "idea_submitted": _submitted,
    "experiment_concluded": _concluded,
    "run_chart_signalled": _signalled,
    "application_submitted": _applied,
    "application_decided": _decided,
    "mentoring_requested": _mentoring,
    "mentoring_match_requested": _match_requested,
    "mentoring_match_decided": _match_decided,
    "session_scheduled": _session_scheduled,
    "mentoring_session_due": _session_due,
    "mentorship_stuck": _stuck,
    "mentorship_closed": _closed,
    "check_in_reminder_due": _check_in_due,
    "check_in_reacted": _check_in_reacted,
    "one_on_ones_scheduled": _one_on_ones_scheduled,
    "one_on_one_reminder_due": _one_on_one_due,
    "kudos_given": _kudos,
}
SOURCES: dict[str, str] = {  # event type -> the service that publishes it
    "idea_status_changed": "ideas", "idea_merged": "ideas", "idea_commented": "ideas",
    "idea_submitted": "ideas", "experiment_concluded": "experiments",
    "run_chart_signalled": "experiments", "application_submitted": "career",
    "application_decided": "career", "mentoring_requested": "career",
    "mentoring_match_requested": "career", "mentoring_match_decided": "career",
    "session_scheduled": "career", "mentoring_session_due": "career",
    "mentorship_stuck": "career", "mentorship_closed": "career",
    "check_in_reminder_due": "growth", "check_in_reacted": "growth",
    "one_on_ones_scheduled": "growth", "one_on_one_reminder_due": "growth",
    "kudos_given": "growth",
}


def notices_for(event: Contract, directory: Directory) -> list[Notice]:
    return RULES[event.event_type](event, directory)


def channel_notices(notices: list[Notice]) -> list[Notice]:
    """What team chat channels hear: one notice per kind, only kinds a team may see (the
    actor's own action too: a new idea is news for the team even when nobody reviews it)."""
    firsts = {n.kind: n for n in reversed(notices)}
    return [n for n in firsts.values() if KINDS[n.kind].team_visible and not n.private]


def for_people(notices: list[Notice]) -> list[Notice]:
    """The notices people get: not the actor's own, at most one per person and kind."""
    seen: set[tuple[str, str]] = set()
    out = []
    for notice in notices:
        key = (notice.recipient_id, notice.kind)
        if notice.recipient_id and notice.recipient_id != notice.actor_id and key not in seen:
            seen.add(key)
            out.append(replace(notice, title=notice.title[:200]))
    return out
