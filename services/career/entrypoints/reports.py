"""A programme's report for its coordinators and admins, as figures and as CSV (mixed into
CareerService)."""
from __future__ import annotations

from services.career import matching, programme_report, store
from services.career import mentoring_store as programmes
from services.career import mentorship_rules as rules
from services.career.matching import MatchStatus
from services.career.mentoring_dto import activity
from services.career.mentorship_reads import works_of
from shared.clock import now
from shared.entrypoints import rpc
from shared.errors import PermissionDenied


def rows_of(session, programme, at) -> tuple[list, list]:
    enrolments = programmes.enrolments(session, programme.id)
    matched = [m for m in programmes.programme_mentorships(session, programme.id)
               if m.status in (MatchStatus.ACTIVE, MatchStatus.CLOSED)]
    teams = {p.id: p.team for p in store.people_by_id(
        session, [e.person_id for e in enrolments] + [m.mentee_id for m in matched])}
    works = works_of(session, matched)
    pairs = []
    for m in matched:
        act = activity(m, works[m.id], programme)
        held = rules.held(act.session_times, at)
        pairs.append(programme_report.Pair(
            mentee_id=m.mentee_id, team=teams.get(m.mentee_id),
            days_to_first_session=round((held[0] - m.matched_at).total_seconds() / 86400, 1)
            if held and m.matched_at else None,
            sessions_held=len(held), stuck=rules.is_stuck(m.status, act, at),
            goals_completed=sum(g.completed_at is not None for g in works[m.id].goals),
            ratings=tuple(r for r in (m.mentor_rating, m.mentee_rating) if r is not None)))
    enrolled = [programme_report.Enrolled(e.role, teams.get(e.person_id)) for e in enrolments]
    return enrolled, pairs


class ReportEntrypoints:
    @rpc
    def programme_report(self, programme_id: str, team: str | None = None) -> dict:
        """The figures (of one team's people, with `team`) and the teams to filter by."""
        programme = self._coordinated(programme_id)
        enrolled, pairs = rows_of(self.db.session, programme, now())
        return {**programme_report.figures(enrolled, pairs, team),
                "programme_id": programme.id, "teams": programme_report.teams(enrolled)}

    @rpc
    def programme_report_csv(self, programme_id: str) -> str:
        programme = self._coordinated(programme_id)
        return programme_report.to_csv(*rows_of(self.db.session, programme, now()))

    def _coordinated(self, programme_id: str):
        caller = self.caller.require()
        programme = programmes.find_programme(self.db.session, programme_id)
        if not matching.coordinates(programmes.coordinator_ids(programme), caller.user_id,
                                    caller.has("admin")):
            raise PermissionDenied("only the programme's coordinators and admins see its report")
        return programme
