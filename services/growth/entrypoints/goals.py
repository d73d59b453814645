"""Goals with key results: setting, changing, reading, the alignment tree (mixed into
GrowthService)."""
from __future__ import annotations

from services.growth import access, domain, store, validation
from services.growth.people import Directory
from shared.clock import now, today
from shared.entrypoints import rpc
from shared.errors import NotFound


class GoalEntrypoints:
    @rpc
    def set_goal(self, fields: dict) -> dict:
        """A person's goal (`owner_id`, the caller by default; a manager may set one for
        someone they manage) or a team's (`team`); `parent_id` aligns it under a team goal."""
        viewer = self.caller.require()
        directory = Directory(self.career_rpc)
        goal = validation.validate_goal(fields, domain.period_of(today()))
        if goal.team is None:
            goal = validation.GoalFields(**{**vars(goal), "owner_id": goal.owner_id
                                            or viewer.user_id})
            directory.require(goal.owner_id, "ownerId")
        domain.check_may_change_goal(viewer, goal, directory.chain(goal.owner_id))
        self._check_parent(directory, viewer, None, goal.parent_id)
        owner_team = directory.team_of(goal.owner_id) if goal.owner_id else None
        row = store.add_goal(self.db.session, goal, owner_team, viewer.user_id, now())
        self.db.commit()
        return access.goal_answer(self.db.session, directory, viewer, row)

    @rpc
    def update_goal(self, goal_id: str, changes: dict) -> dict:
        """Title, description, visibility, period, parent; `add_key_results` adds more."""
        viewer = self.caller.require()
        directory = Directory(self.career_rpc)
        goal = access.readable_goal(self.db.session, directory, viewer, goal_id)
        domain.check_may_change_goal(viewer, goal, access.goal_chain(directory, goal))
        change = validation.validate_goal_changes(changes, goal.owner_id is None)
        self._check_parent(directory, viewer, goal.id, change.parent_id)
        for name in ("title", "description", "visibility", "period", "parent_id"):
            if getattr(change, name) is not None:
                setattr(goal, name, getattr(change, name))
        goal.updated_at = now()
        store.add_key_results(self.db.session, goal, change.add_key_results, now())
        self.db.commit()
        return access.goal_answer(self.db.session, directory, viewer, goal)

    def _check_parent(self, directory, viewer, goal_id: str | None, parent_id) -> None:
        if parent_id is None:
            return
        try:
            parent = access.readable_goal(self.db.session, directory, viewer, parent_id)
        except NotFound:
            raise validation.invalid("parentId", "is not a goal you can see") from None
        ancestor = parent
        while ancestor is not None:
            domain.check_parent(goal_id, ancestor, [])
            ancestor = store.goal_or_none(self.db.session, ancestor.parent_id)

    @rpc
    def update_key_result(self, key_result_id: str, current: float, note: str = "") -> dict:
        """Moves a key result's current value (kept in its history); answers the goal."""
        viewer = self.caller.require()
        directory = Directory(self.career_rpc)
        report = validation.validate_key_result_report(key_result_id, current, note)
        kr = store.find_key_result(self.db.session, report.key_result_id)
        goal = access.readable_goal(self.db.session, directory, viewer, kr.goal_id)
        domain.check_may_update_key_result(viewer, goal, access.goal_chain(directory, goal))
        store.record_key_result(self.db.session, kr, report.current, report.note,
                                viewer.user_id, now())
        self.db.commit()
        return access.goal_answer(self.db.session, directory, viewer, goal)

    @rpc
    def get_goals(self, ids: list[str]) -> list[dict | None]:
        """Batch read in the order asked; None where an id is unknown or not readable."""
        viewer = self.caller.require()
        rows = store.goals_by_id(self.db.session, list(ids))
        found = {g["id"]: g for g in access.goal_answers(
            self.db.session, Directory(self.career_rpc), viewer, rows)}
        return [found.get(i) for i in ids]

    @rpc
    def list_goals(self, owner_id: str | None = None, team: str | None = None,
                   period: str | None = None) -> list[dict]:
        """The readable goals of a person, a team (its team goals and its people's), a
        period (a quarter like 2026-Q4), oldest first."""
        viewer = self.caller.require()
        rows = store.goal_listing(self.db.session, owner_id, team, period)
        return access.goal_answers(self.db.session, Directory(self.career_rpc), viewer, rows)
