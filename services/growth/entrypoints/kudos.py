"""Recognition: kudos to a person or a team, and a team's feed (mixed into GrowthService)."""
from __future__ import annotations

from services.growth import access, domain, store, validation
from services.growth.dto import kudos_dto
from services.growth.people import Directory
from shared.clock import now
from shared.contracts.growth import KudosGiven
from shared.entrypoints import rpc
from shared.errors import NotFound
from shared.pagination import page, page_window


class KudosEntrypoints:
    @rpc
    def give_kudos(self, fields: dict) -> dict:
        """{to_person_id | to_team_id, message (20+ characters: what and why), link {kind,
        id}, visibility PUBLIC | PRIVATE, skill}. A kudos naming a skill becomes skill
        evidence on the recipient's profile (the career service reads `kudos_given`)."""
        giver = self.caller.require()
        directory = Directory(self.career_rpc)
        kudos = validation.validate_kudos(fields)
        domain.check_not_to_oneself(giver.user_id, kudos.to_person_id)
        team = self._recipient_team(directory, kudos)
        self._check_link(directory, giver, kudos)
        row = store.add_kudos(self.db.session, giver.user_id, kudos, team, now())
        self.db.emit(KudosGiven(
            kudos_id=row.id, from_id=row.from_id, to_person_id=row.to_person_id,
            to_team_id=kudos.to_team, team=team, message=row.message,
            visibility=row.visibility, skill=row.skill, link_kind=row.link_kind,
            link_id=row.link_id, created_at=row.created_at.isoformat()))
        self.db.commit()
        return kudos_dto(row)

    def _recipient_team(self, directory: Directory, kudos) -> str | None:
        if kudos.to_person_id:
            return directory.require(kudos.to_person_id, "toPersonId")["team"]
        if not directory.members(kudos.to_team):
            raise validation.invalid("toTeamId", "no team of that name has anyone in it")
        return kudos.to_team

    def _check_link(self, directory: Directory, giver, kudos) -> None:
        if kudos.link_kind == "GOAL":
            try:
                access.readable_goal(self.db.session, directory, giver, kudos.link_id)
            except NotFound:
                raise validation.invalid("link.id", "is not a goal you can see") from None
        elif kudos.link_kind:
            owner = self.ideas_rpc if kudos.link_kind == "IDEA" else self.experiments_rpc
            method = "get_ideas" if kudos.link_kind == "IDEA" else "get_experiments"
            if getattr(owner, method)([kudos.link_id])[0] is None:
                raise validation.invalid("link.id", f"is not a known {kudos.link_kind.lower()}")

    @rpc
    def kudos_feed(self, team: str, first: int | None = None, after: str | None = None) -> dict:
        """What the team and its people received that the caller may read, newest first."""
        viewer = self.caller.require()
        offset, limit = page_window(first, after)
        rows, total = store.kudos_feed(self.db.session, team, viewer.user_id,
                                       self._viewer_team(viewer), offset, limit + 1)
        return page([kudos_dto(k) for k in rows], offset, limit, total)

    def _viewer_team(self, viewer) -> str | None:
        return Directory(self.career_rpc).team_of(viewer.user_id) or viewer.team
