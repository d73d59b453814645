"""Campaign entrypoints: admins focus the organisation on a challenge for a while (mixed
into IdeasService)."""
from __future__ import annotations

import uuid

from sqlalchemy import select

from services.ideas import domain, validation
from services.ideas.dto import campaign_dtos
from services.ideas.models import Campaign
from shared.clock import now
from shared.entrypoints import rpc
from shared.errors import NotFound


class CampaignEntrypoints:
    @rpc
    def create_campaign(self, fields: dict) -> dict:
        admin = self.caller.require()
        domain.check_admin(admin=admin.has("admin"), action="creating a campaign")
        clean = validation.validate_campaign(fields)
        campaign = Campaign(id=str(uuid.uuid4()), **clean, created_by=admin.user_id,
                            created_at=now())
        self.db.session.add(campaign)
        self.db.commit()
        return self._campaign_dtos([campaign])[0]

    @rpc
    def close_campaign(self, campaign_id: str) -> dict:
        """Closes a campaign before its end date; closing it again changes nothing."""
        admin = self.caller.require()
        domain.check_admin(admin=admin.has("admin"), action="closing a campaign")
        campaign = self.db.session.get(Campaign, str(campaign_id))
        if campaign is None:
            raise NotFound("no campaign with this id")
        campaign.closed_at = campaign.closed_at or now()
        self.db.commit()
        return self._campaign_dtos([campaign])[0]

    @rpc
    def get_campaigns(self, ids: list[str]) -> list[dict | None]:
        self.caller.require()
        rows = self.db.session.scalars(select(Campaign).where(Campaign.id.in_(ids))).all()
        found = {dto["id"]: dto for dto in self._campaign_dtos(list(rows))}
        return [found.get(i) for i in ids]

    @rpc
    def list_campaigns(self, open_only: bool = False) -> list[dict]:
        """Every campaign, the latest start first (a handful a year: no paging)."""
        self.caller.require()
        rows = self.db.session.scalars(
            select(Campaign).order_by(Campaign.starts_on.desc(), Campaign.created_at.desc()))
        dtos = self._campaign_dtos(list(rows))
        return [c for c in dtos if c["is_open"]] if open_only else dtos

    def _campaign_dtos(self, campaigns: list[Campaign]) -> list[dict]:
        return campaign_dtos(self.db.session, campaigns, now().date())
