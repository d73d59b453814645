"""Who is told what (domain.RULES), checked against a table written out independently: for
each event, the kinds and recipients a person would expect, and nobody told of their own act."""
from __future__ import annotations

import pytest

from services.notifications import domain
from services.notifications.domain import IdeaRef, OpportunityRef
from services.notifications.dto import link
from shared.contracts import career, experiments, growth, ideas

ANA, BEN, CARLA, DAN, REVIEWER, OTHER_REVIEWER = "ana", "ben", "carla", "dan", "rita", "rolf"


class FakeDirectory:
    ideas = {"i1": IdeaRef("i1", "Label the bins", ANA, None, "Assembly"),
             "i2": IdeaRef("i2", "Colour the bins", BEN, "Quality", "Logistics")}
    opportunities = {"o1": OpportunityRef("o1", "Lean gig", CARLA)}
    reviewers = {"Assembly": [REVIEWER], "Quality": [OTHER_REVIEWER]}

    def idea(self, idea_id):
        return self.ideas.get(idea_id)

    def opportunity(self, opportunity_id):
        return self.opportunities.get(opportunity_id)

    def reviewers_for(self, teams):
        if not teams:
            return [REVIEWER, OTHER_REVIEWER]
        return [r for t in sorted(teams) for r in self.reviewers.get(t, [])]

    def name_of(self, person_id):
        return person_id.title() if person_id else "Someone"

    def team_of(self, person_id):
        return {ANA: "Assembly", BEN: "Logistics", CARLA: "Office"}.get(person_id)


SUBMITTED = dict(title="Label the bins", problem="p", proposal="q", tags=[], author_id=ANA,
                 created_at="2026-12-01T10:00:00+00:00")
EXPECTED = [  # (event, [(kind, recipient)...])
    (ideas.IdeaStatusChanged(idea_id="i1", title="Label the bins", author_id=ANA,
                             from_status="SUBMITTED", to_status="ACCEPTED", changed_by=BEN,
                             changed_at="2026-12-01T10:00:00+00:00"),
     [("IDEA_STATUS_CHANGED", ANA)]),
    (ideas.IdeaStatusChanged(idea_id="i1", title="Label the bins", author_id=ANA,
                             from_status="SUBMITTED", to_status="WITHDRAWN", changed_by=ANA,
                             changed_at="2026-12-01T10:00:00+00:00"), []),
    (ideas.IdeaMerged(idea_id="i2", into_id="i1", merged_by=REVIEWER),
     [("IDEA_MERGED", BEN)]),
    (ideas.IdeaCommented(idea_id="i1", title="Label the bins", author_id=ANA, comment_id="c",
                         commenter_id=BEN, excerpt="Nice"), [("IDEA_COMMENTED", ANA)]),
    (ideas.IdeaCommented(idea_id="i1", title="Label the bins", author_id=ANA, comment_id="c",
                         commenter_id=ANA, excerpt="Me again"), []),
    (ideas.IdeaSubmitted(idea_id="i1", **SUBMITTED), [("IDEA_SUBMITTED", REVIEWER)]),
    (ideas.IdeaSubmitted(idea_id="i2", **{**SUBMITTED, "author_id": BEN, "area": "Quality"}),
     [("IDEA_SUBMITTED", OTHER_REVIEWER)]),
    (ideas.IdeaSubmitted(idea_id="i9", **{**SUBMITTED, "author_id": DAN}),
     [("IDEA_SUBMITTED", REVIEWER), ("IDEA_SUBMITTED", OTHER_REVIEWER)]),
    (experiments.ExperimentConcluded(
        experiment_id="x1", idea_id="i1", title="Try labels", hypothesis="h", decision="ADOPT",
        learnings="It works", owner_id=CARLA, member_ids=[CARLA, BEN],
        concluded_at="2026-12-01T10:00:00+00:00"), [("IDEA_EXPERIMENT_CONCLUDED", ANA)]),
    (experiments.ExperimentConcluded(
        experiment_id="x2", idea_id=None, title="Alone", hypothesis="h", decision="ABANDON",
        learnings="", owner_id=CARLA, member_ids=[CARLA],
        concluded_at="2026-12-01T10:00:00+00:00"), []),
    (experiments.RunChartSignalled(
        experiment_id="x1", title="Try labels", owner_id=CARLA, member_ids=[CARLA, BEN, DAN],
        kinds=["SHIFT"], descriptions=["6 points above the median"], recorded_by=DAN),
     [("RUN_CHART_SIGNAL", CARLA), ("RUN_CHART_SIGNAL", BEN)]),
    (career.ApplicationSubmitted(application_id="a", opportunity_id="o1", applicant_id=DAN),
     [("APPLICATION_RECEIVED", CARLA)]),
    (career.ApplicationDecided(application_id="a", opportunity_id="o1", applicant_id=DAN,
                               decision="ACCEPT"), [("APPLICATION_DECIDED", DAN)]),
    (career.MentoringRequested(request_id="m", mentor_id=BEN, mentee_id=DAN,
                               skills=["Lean"]), [("MENTORING_REQUESTED", BEN)]),
    (career.MentoringMatchRequested(mentorship_id="m1", programme_id="p1", mentor_id=BEN,
                                    mentee_id=DAN), [("MENTORING_MATCH_REQUESTED", BEN)]),
    (career.MentoringMatchDecided(mentorship_id="m1", programme_id="p1", mentor_id=BEN,
                                  mentee_id=DAN, decision="ACCEPT", decided_by=BEN),
     [("MENTORING_MATCH_DECIDED", DAN)]),
    (career.MentoringMatchDecided(mentorship_id="m1", programme_id="p1", mentor_id=BEN,
                                  mentee_id=DAN, decision="ACCEPT", decided_by=CARLA),
     [("MENTORING_MATCH_DECIDED", DAN), ("MENTORING_MATCH_DECIDED", BEN)]),
    (career.SessionScheduled(session_id="s1", mentorship_id="m1", mentor_id=BEN,
                             mentee_id=DAN, at="2026-12-08T09:30:00+00:00",
                             duration_minutes=45, scheduled_by=DAN),
     [("MENTORING_SESSION_SCHEDULED", BEN)]),
    (career.MentoringSessionDue(session_id="s1", mentorship_id="m1", mentor_id=BEN,
                                mentee_id=DAN, at="2026-12-08T09:30:00+00:00",
                                duration_minutes=45),
     [("MENTORING_SESSION_DUE", BEN), ("MENTORING_SESSION_DUE", DAN)]),
    (career.MentorshipStuck(mentorship_id="m1", programme_id="p1", mentor_id=BEN,
                            mentee_id=DAN, coordinator_ids=[CARLA],
                            last_activity_at="2026-11-01T10:00:00+00:00"),
     [("MENTORSHIP_STUCK", CARLA)]),
    (career.MentorshipStuck(mentorship_id="m2", programme_id=None, mentor_id=BEN,
                            mentee_id=DAN, coordinator_ids=[],
                            last_activity_at="2026-11-01T10:00:00+00:00"), []),
    (career.MentorshipClosed(mentorship_id="m1", programme_id="p1", mentor_id=BEN,
                             mentee_id=DAN, closed_by=DAN), [("MENTORSHIP_CLOSED", BEN)]),
    (growth.CheckInReminderDue(person_id=ANA, week_of="2026-11-30"), [("CHECK_IN_DUE", ANA)]),
    (growth.CheckInReacted(check_in_id="c1", person_id=ANA, reacted_by=CARLA, emoji="👏"),
     [("CHECK_IN_REACTED", ANA)]),
    (growth.OneOnOneScheduled(series_id="s1", manager_id=CARLA, report_id=ANA, every_days=14,
                              starts_at="2026-12-07T09:00:00+00:00", one_on_one_id="o1"),
     [("ONE_ON_ONES_SCHEDULED", ANA)]),
    (growth.OneOnOneReminderDue(one_on_one_id="o1", manager_id=CARLA, report_id=ANA,
                                scheduled_at="2026-12-07T09:00:00+00:00"),
     [("ONE_ON_ONE_DUE", CARLA), ("ONE_ON_ONE_DUE", ANA)]),
    (growth.KudosGiven(kudos_id="k1", from_id=BEN, to_person_id=ANA, to_team_id=None,
                       team="Assembly", message="Thanks for the shadow board",
                       visibility="PRIVATE", created_at="2026-12-01T10:00:00+00:00"),
     [("KUDOS_RECEIVED", ANA)]),
    (growth.KudosGiven(kudos_id="k2", from_id=BEN, to_person_id=None, to_team_id="Assembly",
                       team="Assembly", message="The changeover board works for all of us",
                       visibility="PUBLIC", created_at="2026-12-01T10:00:00+00:00"), []),
]


@pytest.mark.parametrize(("event", "expected"), EXPECTED,
                         ids=[f"{e.event_type}-{i}" for i, (e, _) in enumerate(EXPECTED)])
def test_each_event_tells_the_people_a_user_expects(event, expected):
    notices = domain.for_people(domain.notices_for(event, FakeDirectory()))
    assert [(n.kind, n.recipient_id) for n in notices] == expected


def test_every_rule_has_a_kind_a_source_and_a_contract():
    from shared.contracts import registry
    assert set(domain.RULES) == set(domain.SOURCES) <= set(registry())
    kinds = {n.kind for e, _ in EXPECTED
             for n in domain.notices_for(e, FakeDirectory())}
    timed = {"MEASUREMENT_OVERDUE", "REFLECTION_PROMPT"}  # reminders.py, on a timer
    assert kinds == set(domain.KINDS) - timed


def test_personal_matters_never_go_to_team_channels():
    decided = career.ApplicationDecided(application_id="a", opportunity_id="o1",
                                        applicant_id=DAN, decision="DECLINE")
    assert domain.channel_notices(domain.notices_for(decided, FakeDirectory())) == []
    assert {k for k, v in domain.KINDS.items() if not v.team_visible} == {
        "APPLICATION_RECEIVED", "APPLICATION_DECIDED", "MENTORING_REQUESTED",
        "MENTORING_MATCH_REQUESTED", "MENTORING_MATCH_DECIDED", "MENTORING_SESSION_SCHEDULED",
        "MENTORING_SESSION_DUE", "MENTORSHIP_STUCK", "MENTORSHIP_CLOSED", "REFLECTION_PROMPT",
        "CHECK_IN_DUE", "CHECK_IN_REACTED", "ONE_ON_ONES_SCHEDULED", "ONE_ON_ONE_DUE"}


def test_a_new_idea_is_team_news_even_with_its_author_as_the_only_actor():
    submitted = ideas.IdeaSubmitted(idea_id="i1", **SUBMITTED)
    [notice] = domain.channel_notices(domain.notices_for(submitted, FakeDirectory()))
    assert (notice.kind, notice.owner_id) == ("IDEA_SUBMITTED", ANA)


def test_nothing_private_travels_in_a_notice():
    """Application notes, skill gaps and reflection text are in no contract a rule reads,
    so no notice can hold them; the applicant's name is all the owner learns."""
    applied = career.ApplicationSubmitted(application_id="a", opportunity_id="o1",
                                          applicant_id=DAN)
    [notice] = domain.notices_for(applied, FakeDirectory())
    assert (notice.title, notice.body) == ("Dan applied to “Lean gig”", "")
    assert not any(e.startswith("reflection") for e in domain.RULES)


def test_a_coordinator_learns_who_went_quiet_and_since_when_and_nothing_they_wrote():
    stuck = career.MentorshipStuck(mentorship_id="m1", programme_id="p1", mentor_id=BEN,
                                   mentee_id=DAN, coordinator_ids=[CARLA],
                                   last_activity_at="2026-11-01T10:00:00+00:00")
    [notice] = domain.notices_for(stuck, FakeDirectory())
    assert (notice.title, notice.body) == (
        "Ben and Dan have gone quiet", "No session, note or goal update since 2026-11-01.")
    assert (notice.subject_type, notice.subject_id) == ("MENTORING_PROGRAMME", "p1")

    mentoring = (career.MentoringMatchRequested, career.MentoringMatchDecided,
                 career.SessionScheduled, career.MentoringSessionDue, career.MentorshipStuck,
                 career.MentorshipClosed)
    fields = {f for contract in mentoring for f in contract.model_fields}
    assert not fields & {"notes", "body", "tasks", "agenda", "rating", "reflection", "text"}


def test_a_session_reminder_names_the_time_in_utc_and_links_to_the_mentorship():
    due = career.MentoringSessionDue(session_id="s1", mentorship_id="m1", mentor_id=BEN,
                                     mentee_id=DAN, at="2026-12-08T10:30:00+01:00",
                                     duration_minutes=45)
    notice = domain.notices_for(due, FakeDirectory())[0]
    assert notice.title == "Mentoring session Tue 08 Dec 2026, 09:30 UTC"
    assert link(notice.subject_type, notice.subject_id).endswith("/#/mentoring/m1")
    assert link("MENTORING_PROGRAMME", "p1").endswith("/#/mentoring/programme/p1")
    assert link("IDEA", "i1").endswith("/#/ideas/i1")


def _kudos(visibility, to_person=ANA, to_team=None):
    return growth.KudosGiven(kudos_id="k1", from_id=BEN, to_person_id=to_person,
                             to_team_id=to_team, team="Assembly",
                             message="Thanks for the shadow board at the press",
                             visibility=visibility, created_at="2026-12-01T10:00:00+00:00")


def test_public_kudos_reach_the_recipients_team_channel_and_private_ones_never_do():
    [public] = domain.channel_notices(domain.notices_for(_kudos("PUBLIC"), FakeDirectory()))
    assert (public.team, public.title, public.body) == (
        "Assembly", "Ben gave kudos to Ana", "Thanks for the shadow board at the press")
    assert domain.channel_notices(domain.notices_for(_kudos("PRIVATE"), FakeDirectory())) == []
    [team] = domain.channel_notices(domain.notices_for(
        _kudos("PUBLIC", to_person=None, to_team="Assembly"), FakeDirectory()))
    assert (team.team, team.title) == ("Assembly", "Ben gave kudos to the Assembly team")
    assert link(team.subject_type, team.subject_id).endswith("/#/growth/kudos")


def test_growth_notices_carry_no_mood_check_in_text_or_notes():
    """Moods, plans, problems, reaction comments and one-on-one notes are in no growth
    contract, so no notice can hold them."""
    fields = {f for contract in (growth.CheckInReminderDue, growth.CheckInReacted,
                                 growth.OneOnOneScheduled, growth.OneOnOneReminderDue)
              for f in contract.model_fields}
    assert not fields & {"mood", "plans", "progress", "problems", "comment", "notes", "body"}
    reacted = growth.CheckInReacted(check_in_id="c1", person_id=ANA, reacted_by=CARLA,
                                    emoji=None)
    [notice] = domain.notices_for(reacted, FakeDirectory())
    assert (notice.title, notice.body) == ("Carla reacted to your check-in", "")
    due = growth.OneOnOneReminderDue(one_on_one_id="o1", manager_id=CARLA, report_id=ANA,
                                     scheduled_at="2026-12-07T10:00:00+01:00")
    notice = domain.notices_for(due, FakeDirectory())[0]
    assert notice.title == "One-on-one Mon 07 Dec 2026, 09:00 UTC"
    assert link(notice.subject_type, notice.subject_id).endswith("/#/growth/one-on-ones/o1")
