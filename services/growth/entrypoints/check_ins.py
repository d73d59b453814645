"""The weekly check-in: the draft with last week's plans carried forward, submitting,
reading one's own and a team's, and a manager's reaction (mixed into GrowthService)."""
from __future__ import annotations

from datetime import date

from services.growth import access, domain, store, validation
from services.growth.people import Directory
from shared.clock import now, today
from shared.contracts.growth import CheckInReacted, CheckInSubmitted
from shared.entrypoints import rpc
from shared.errors import Conflict, NotFound

HISTORY = 26  # weeks of one's own check-ins answered


class CheckInEntrypoints:
    @rpc
    def check_in_draft(self, week_of: str | None = None) -> dict:
        """What the form starts from: the plans that carry into the week, and the check-in
        already submitted for it (if any)."""
        person = self.caller.require()
        week = self._week(week_of)
        previous = store.previous_check_in(self.db.session, person.user_id, week)
        current = store.check_in_of(self.db.session, person.user_id, week)
        return {"week_of": week.isoformat(),
                "carried_plans": domain.carried_plans(_plans(previous), [], []),
                "check_in": access.check_in_answer(person, current, []) if current else None}

    def _week(self, week_of) -> date:
        fields = validation.validate_check_in({"week_of": week_of}, today())
        week = domain.week_of(fields.week_of)
        domain.check_week(week, today())
        return week

    @rpc
    def submit_check_in(self, fields: dict) -> dict:
        """{week_of, plans, progress, problems, done_plans, mood, key_results}: a second
        submission for the week replaces the first. Last check-in's plans not named in
        `done_plans` (or planned again) carry forward; those named are marked done."""
        person = self.caller.require()
        directory = Directory(self.career_rpc)
        check_in = validation.validate_check_in(fields, today())
        week = domain.week_of(check_in.week_of)
        domain.check_week(week, today())
        previous = store.previous_check_in(self.db.session, person.user_id, week)
        carried = domain.carried_plans(_plans(previous), check_in.done_plans, check_in.plans)
        if previous is not None:
            store.mark_plans_done(previous, check_in.done_plans)
        self._report_key_results(directory, person, check_in.key_results)
        earlier = store.check_in_of(self.db.session, person.user_id, week)
        ideas = {domain.key(p.text): p.idea_id for p in _problems(earlier) if p.idea_id}
        items = ([("PLAN", t, True, None) for t in carried]
                 + [("PLAN", t, False, None) for t in check_in.plans]
                 + [("PROGRESS", t, False, None) for t in check_in.progress]
                 + [("PROBLEM", t, False, ideas.get(domain.key(t))) for t in check_in.problems])
        row = store.write_check_in(self.db.session, person.user_id,
                                   directory.team_of(person.user_id) or person.team, week,
                                   check_in.mood, items, now())
        self.db.emit(CheckInSubmitted(check_in_id=row.id, person_id=row.person_id,
                                      team=row.team, week_of=week.isoformat(),
                                      problem_count=len(check_in.problems)))
        self.db.commit()
        return access.check_in_answer(person, row, [])

    def _report_key_results(self, directory, person, reports) -> None:
        for report in reports:
            kr = store.find_key_result(self.db.session, report.key_result_id)
            goal = access.readable_goal(self.db.session, directory, person, kr.goal_id)
            domain.check_may_update_key_result(person, goal, access.goal_chain(directory, goal))
            store.record_key_result(self.db.session, kr, report.current, report.note,
                                    person.user_id, now())

    @rpc
    def my_check_ins(self) -> list[dict]:
        """The caller's own, newest week first (with the mood)."""
        person = self.caller.require()
        rows = store.check_ins_of(self.db.session, person.user_id, HISTORY)
        return [access.check_in_answer(person, r, []) for r in rows]

    @rpc
    def get_check_ins(self, ids: list[str]) -> list[dict | None]:
        """Batch read in the order asked; None where unknown or not readable."""
        viewer = self.caller.require()
        directory = Directory(self.career_rpc)
        found = []
        for check_in_id in ids:
            try:
                found.append(access.check_in_answer(viewer, *access.readable_check_in(
                    self.db.session, directory, viewer, check_in_id)))
            except NotFound:  # unknown, or not for this viewer
                found.append(None)
        return found

    @rpc
    def team_check_ins(self, team: str, week_of: str | None = None) -> list[dict]:
        """The week's check-ins of a team's people, for its members and managers; a mood
        only where the viewer is the person or in their manager chain."""
        viewer = self.caller.require()
        directory = Directory(self.career_rpc)
        week = self._week(week_of)
        members = [p["id"] for p in directory.members(team)]
        chains = directory.chains(members)
        rows = store.team_check_ins(self.db.session, members, week)
        return [access.check_in_answer(viewer, r, chains[r.person_id]) for r in rows
                if domain.may_read_check_in(viewer, r.person_id, team, chains[r.person_id])]

    @rpc
    def react_to_check_in(self, check_in_id: str, emoji: str | None = None,
                          comment: str | None = None, add_to_one_on_one: bool = False) -> dict:
        """A manager of the person reacts, comments, and may put the check-in on the
        agenda of their next one-on-one."""
        viewer = self.caller.require()
        directory = Directory(self.career_rpc)
        check_in, chain = access.readable_check_in(self.db.session, directory, viewer,
                                                   check_in_id)
        domain.check_may_react(viewer, chain)
        reaction = validation.validate_reaction(emoji, comment, add_to_one_on_one)
        store.add_reaction(self.db.session, check_in, viewer.user_id, reaction.emoji,
                           reaction.comment, now())
        if reaction.add_to_one_on_one:
            self._put_on_agenda(viewer, check_in, reaction.comment)
        self.db.emit(CheckInReacted(check_in_id=check_in.id, person_id=check_in.person_id,
                                    reacted_by=viewer.user_id, emoji=reaction.emoji))
        self.db.commit()
        return access.check_in_answer(viewer, check_in, chain)

    def _put_on_agenda(self, viewer, check_in, comment: str) -> None:
        series = store.series_of_pair(self.db.session, viewer.user_id, check_in.person_id)
        if series is None:
            raise Conflict("you have no one-on-ones with this person yet: schedule them first")
        meeting = access.next_meeting(self.db.session, series, now())
        text = comment or f"Your check-in of the week of {check_in.week_of.isoformat()}"
        store.add_point(self.db.session, meeting, viewer.user_id, text[:500], now(),
                        check_in_id=check_in.id)


def _plans(check_in) -> list[domain.Plan]:
    return [domain.Plan(i.text, i.done) for i in (check_in.items if check_in else [])
            if i.kind == "PLAN"]


def _problems(check_in) -> list:
    return [i for i in (check_in.items if check_in else []) if i.kind == "PROBLEM"]
