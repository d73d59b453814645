"""The team view for managers: this week's check-ins, goal progress, open problems, kudos
and the ideas that came from the team's check-ins (mixed into GrowthService). A mood is
in it only for people in the viewer's manager chain."""
from __future__ import annotations

from datetime import UTC, datetime, time

from services.growth import access, domain, store
from services.growth.people import Directory
from shared.clock import today
from shared.entrypoints import rpc


class TeamEntrypoints:
    @rpc
    def team_growth(self, team: str) -> dict:
        viewer = self.caller.require()
        domain.check_team_view(viewer)
        directory = Directory(self.career_rpc)
        members = [p["id"] for p in directory.members(team)]
        chains = directory.chains(members)
        week, period = domain.week_of(today()), domain.period_of(today())
        check_ins = {c.person_id: c for c in store.team_check_ins(self.db.session, members, week)}
        goals = access.goal_answers(self.db.session, directory, viewer, store.goal_listing(
            self.db.session, None, team, period))
        since = datetime.combine(domain.period_start(period), time(), UTC)
        kudos = store.kudos_of_team(self.db.session, team, members, since)
        return {
            "team": team, "week_of": week.isoformat(), "period": period,
            "members": len(members), "checked_in": len(check_ins),
            "completion": domain.completion(len(check_ins), len(members)),
            "people": [self._person(viewer, p, check_ins.get(p), chains[p]) for p in members],
            "goals": goals,
            "goal_progress": domain.goal_progress(
                [g["progress"] for g in goals if g["progress"] is not None]),
            "open_problems": [
                {"check_in_id": c.id, "person_id": c.person_id, "index": n, "text": i.text}
                for c in check_ins.values()
                for n, i in enumerate(x for x in c.items if x.kind == "PROBLEM")
                if i.idea_id is None],
            "kudos_received": sum(1 for k in kudos if k.team == team),
            "kudos_given": sum(1 for k in kudos if k.from_id in members),
            "idea_ids": list(dict.fromkeys(
                i.idea_id for i in store.team_ideas(self.db.session, members))),
        }

    def _person(self, viewer, person_id: str, check_in, chain: list[str]) -> dict:
        shown = check_in is not None and domain.may_see_mood(viewer, person_id, chain)
        return {"person_id": person_id, "check_in_id": check_in.id if check_in else None,
                "mood": check_in.mood if shown else None}
