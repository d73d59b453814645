"""Chat channels admins connect (Slack, Teams, generic webhooks), their deliveries and the
parked ones (mixed into NotificationsService)."""
from __future__ import annotations

import secrets
import uuid

from services.notifications import deliveries, store, validation
from services.notifications.dto import channel_dto, delivery_dto
from shared.clock import now
from shared.entrypoints import rpc


class ChannelEntrypoints:
    @rpc
    def create_chat_channel(self, fields: dict) -> dict:
        """Returns the channel with its signing secret, shown this once (generic webhooks
        check deliveries with it)."""
        self.caller.require().require("admin")
        clean = validation.channel_fields(fields)
        row = store.add_channel(self.db.session, str(uuid.uuid4()), clean.kind, clean.url,
                                secrets.token_urlsafe(32), clean.team_ids, clean.kinds,
                                self.caller.require().user_id, now())
        self.db.commit()
        return {**channel_dto(row), "secret": row.secret}

    @rpc
    def list_chat_channels(self) -> list[dict]:
        self.caller.require().require("admin")
        return [channel_dto(c) for c in store.channels(self.db.session)]

    @rpc
    def delete_chat_channel(self, channel_id: str) -> dict:
        self.caller.require().require("admin")
        row = store.find_channel(self.db.session, channel_id)
        answer = channel_dto(row)
        store.delete_channel(self.db.session, row)
        self.db.commit()
        return answer

    @rpc
    def test_chat_channel(self, channel_id: str) -> dict:
        """Sends a test message at once; answers {ok, error}."""
        self.caller.require().require("admin")
        error = deliveries.send_test(store.find_channel(self.db.session, channel_id))
        return {"ok": error is None, "error": error}

    @rpc
    def list_chat_deliveries(self, status: str | None = None) -> list[dict]:
        self.caller.require().require("admin")
        return [delivery_dto(d) for d in store.deliveries(self.db.session, status)]

    @rpc
    def retry_chat_delivery(self, delivery_id: str) -> dict:
        """A parked delivery goes back in the queue, due now, with a fresh set of attempts."""
        self.caller.require().require("admin")
        row = store.find_delivery(self.db.session, delivery_id)
        deliveries.requeue(row, now())
        self.db.commit()
        return delivery_dto(row)
