"""Campaigns: admins focus the organisation on a challenge for a while (mixed into
IdeasService)."""
from __future__ import annotations

from services.ideas import domain, store, validation
from services.ideas.domain import Use
from services.ideas.dto import campaign_dtos
from services.ideas.models import Campaign
from shared.clock import now
from shared.entrypoints import rpc


class CampaignEntrypoints:
    @rpc
    def create_campaign(self, fields: dict) -> dict:
        admin = self.caller.require()
        domain.check_may(admin, Use.CREATE_CAMPAIGN)
        campaign = store.add_campaign(self.db.session, validation.validate_campaign(fields),
                                      admin.user_id)
        self.db.commit()
        return self._campaign_dtos([campaign])[0]

    @rpc
    def close_campaign(self, campaign_id: str) -> dict:
        """Closes a campaign before its end date; closing it again changes nothing."""
        domain.check_may(self.caller.require(), Use.CLOSE_CAMPAIGN)
        campaign = store.find_campaign(self.db.session, campaign_id)
        campaign.closed_at = campaign.closed_at or now()
        self.db.commit()
        return self._campaign_dtos([campaign])[0]

    @rpc
    def get_campaigns(self, ids: list[str]) -> list[dict | None]:
        self.caller.require()
        found = {dto["id"]: dto
                 for dto in self._campaign_dtos(store.campaigns_by_id(self.db.session, ids))}
        return [found.get(i) for i in ids]

    @rpc
    def list_campaigns(self, open_only: bool = False) -> list[dict]:
        """Every campaign, the latest start first (a handful a year: no paging)."""
        self.caller.require()
        dtos = self._campaign_dtos(store.all_campaigns(self.db.session))
        return [c for c in dtos if c["is_open"]] if open_only else dtos

    def _campaign_dtos(self, campaigns: list[Campaign]) -> list[dict]:
        return campaign_dtos(self.db.session, campaigns, now().date())
