"""Action items of a one-on-one: they belong to the series and carry forward until done.
The career service's mentoring (issue 22) calls these two RPCs for its `addActionItem`
and `completeActionItem` mutations (mixed into GrowthService)."""
from __future__ import annotations

from services.growth import access, domain, store, validation
from services.growth.dto import action_item_dto
from shared.clock import now
from shared.entrypoints import rpc
from shared.errors import NotFound


class ActionItemEntrypoints:
    @rpc
    def add_action_item(self, one_on_one_id: str, text: str, owner_id: str) -> dict:
        """Either side of the one-on-one, for either of them (`owner_id`); NotFound when
        the one-on-one is not the caller's."""
        viewer = self.caller.require()
        meeting = access.participant_meeting(self.db.session, viewer, one_on_one_id)
        clean = validation.validate_point(text)
        domain.check_action_owner(str(owner_id), meeting.manager_id, meeting.report_id)
        item = store.add_action_item(self.db.session, meeting, clean, str(owner_id), now())
        self.db.commit()
        return action_item_dto(item)

    @rpc
    def complete_action_item(self, action_item_id: str) -> dict:
        """Either side marks it done (again: no change); NotFound when it is not theirs."""
        viewer = self.caller.require()
        item = store.find_action_item(self.db.session, action_item_id)
        series = store.find_series(self.db.session, item.series_id)
        if not domain.is_participant(viewer, series.manager_id, series.report_id):
            raise NotFound("no action item with that id")
        store.complete_action_item(item, now())
        self.db.commit()
        return action_item_dto(item)
