"""The signed-in person's new notifications, live; nobody else's ever reach them."""
from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from gateway import live
from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.notifications.types import Notification


def notification_from_event(data: dict) -> Notification:
    return Notification.from_dto({**data, "id": data["notification_id"], "read_at": None})


@strawberry.type
class NotificationsSubscription:
    @strawberry.subscription(description="Each new notification of the signed-in person.",
                             permission_classes=[IsSignedIn])
    async def notification_received(self, info: Info) -> AsyncGenerator[Notification, None]:
        me = info.context.require_identity()
        async for message in live.events(info.context, ("notification", me.user_id)):
            if message["data"]["recipient_id"] == me.user_id:
                yield notification_from_event(message["data"])
