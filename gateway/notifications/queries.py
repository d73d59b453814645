"""Notifications reads: the signed-in person's inbox and choices; admins' chat channels and
their deliveries. Every rule is the notifications service's."""
from __future__ import annotations

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.notifications.types import (
    ChatChannel,
    ChatDelivery,
    DeliveryStatus,
    Notification,
    NotificationPreferences,
)
from gateway.pagination import Connection, connection_from


@strawberry.type
class NotificationsQuery:
    @strawberry.field(description="The caller's own notifications, newest first.",
                      permission_classes=[IsSignedIn])
    async def notifications(self, info: Info, first: int = 20, after: str | None = None,
                            unread_only: bool = False) -> Connection[Notification]:
        page = await info.context.query("notifications", "list_notifications", first, after,
                                        unread_only)
        return connection_from(page, Notification.from_dto)

    @strawberry.field(permission_classes=[IsSignedIn])
    async def unread_notification_count(self, info: Info) -> int:
        return await info.context.query("notifications", "unread_notification_count")

    @strawberry.field(permission_classes=[IsSignedIn])
    async def notification_preferences(self, info: Info) -> NotificationPreferences:
        return NotificationPreferences.from_dto(
            await info.context.query("notifications", "get_notification_preferences"))

    @strawberry.field(description="Admins only.", permission_classes=[IsSignedIn])
    async def chat_channels(self, info: Info) -> list[ChatChannel]:
        return [ChatChannel.from_dto(c)
                for c in await info.context.query("notifications", "list_chat_channels")]

    @strawberry.field(description="Admins only: the latest deliveries, PARKED ones with their "
                                  "last error.", permission_classes=[IsSignedIn])
    async def chat_deliveries(self, info: Info,
                              status: DeliveryStatus | None = None) -> list[ChatDelivery]:
        rows = await info.context.query("notifications", "list_chat_deliveries",
                                        status.value if status else None)
        return [ChatDelivery.from_dto(d) for d in rows]
