"""The skill gap between a person and opportunities (mixed into CareerService): one's own,
or, for their own manager and admins, a direct report's."""
from __future__ import annotations

from sqlalchemy.orm import Session

from services.career import domain, store
from shared.entrypoints import rpc
from shared.errors import NotFound, ValidationError
from shared.identity import Identity

GAPS_MAX = 100


class SkillGapEntrypoints:
    @rpc
    def skill_gap(self, opportunity_id: str, employee_id: str | None = None) -> dict:
        """The caller's gap, or (their own manager and admins only) another employee's."""
        gap = _gaps(self.db.session, self.caller.require(), [opportunity_id], employee_id)[0]
        if gap is None:
            raise NotFound(f"no opportunity with id {opportunity_id}")
        return gap

    @rpc
    def skill_gaps(self, opportunity_ids: list[str]) -> list[dict | None]:
        """The caller's gap for each opportunity, in the order asked; None where there is no
        such opportunity (any more). One call for a page of recommendations."""
        if not isinstance(opportunity_ids, list) or len(opportunity_ids) > GAPS_MAX:
            raise ValidationError(f"must be a list of at most {GAPS_MAX} ids", "opportunityIds")
        return _gaps(self.db.session, self.caller.require(), opportunity_ids, None)


def _gaps(session: Session, caller: Identity, opportunity_ids: list[str],
          employee_id: str | None) -> list[dict | None]:
    person = store.find_person(session, employee_id or caller.user_id)
    domain.check_may_see_gap(caller, person.id, person.manager_id)
    have = {s.skill_id: s.level for s in person.skills}
    found = {o.id: o for o in store.opportunities_by_id(session, {str(i) for i in opportunity_ids})}
    gaps: list[dict | None] = []
    for opportunity_id in opportunity_ids:
        opportunity = found.get(str(opportunity_id))
        if opportunity is None:
            gaps.append(None)
            continue
        wanted = [domain.WantedSkill(s.skill_id, s.skill.name, s.level, s.required)
                  for s in opportunity.skills]
        gaps.append({"opportunity_id": opportunity.id, "employee_id": person.id,
                     **domain.skill_gap(wanted, have)})
    return gaps
