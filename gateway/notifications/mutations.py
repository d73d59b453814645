"""Notifications changes: marking read, one's own preferences, and admins' chat channels.
Each answers its success type or a typed user error."""
from __future__ import annotations

from typing import Annotated

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.errors import NotFoundError, Refused, ValidationError
from gateway.notifications.inputs import (
    CreateChatChannelInput,
    NotificationPreferencesInput,
    channel_fields,
    preference_fields,
)
from gateway.notifications.types import (
    ChatChannel,
    ChatChannelTest,
    ChatDelivery,
    DeletedChatChannel,
    NotificationPreferences,
    NotificationsMarkedRead,
)

MarkNotificationsReadResult = Annotated[
    NotificationsMarkedRead | ValidationError | Refused,
    strawberry.union("MarkNotificationsReadResult")]
UpdateNotificationPreferencesResult = Annotated[
    NotificationPreferences | ValidationError | Refused,
    strawberry.union("UpdateNotificationPreferencesResult")]
CreateChatChannelResult = Annotated[ChatChannel | ValidationError | Refused,
                                    strawberry.union("CreateChatChannelResult")]
TestChatChannelResult = Annotated[
    ChatChannelTest | ValidationError | NotFoundError | Refused,
    strawberry.union("TestChatChannelResult")]
DeleteChatChannelResult = Annotated[
    DeletedChatChannel | ValidationError | NotFoundError | Refused,
    strawberry.union("DeleteChatChannelResult")]
RetryChatDeliveryResult = Annotated[
    ChatDelivery | ValidationError | NotFoundError | Refused,
    strawberry.union("RetryChatDeliveryResult")]


@strawberry.type
class NotificationsMutation:
    @strawberry.mutation(description="Marks the caller's notifications of `ids` read, or "
                                     "every one with `all: true`.",
                         permission_classes=[IsSignedIn])
    async def mark_notifications_read(self, info: Info, ids: list[strawberry.ID] | None = None,
                                      all: bool = False) -> MarkNotificationsReadResult:
        return await info.context.result(
            "notifications", "mark_notifications_read", [str(i) for i in ids or []], all,
            to=lambda count: NotificationsMarkedRead(unread_count=count))

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def update_notification_preferences(
            self, info: Info, input: NotificationPreferencesInput
    ) -> UpdateNotificationPreferencesResult:
        return await info.context.result("notifications", "update_notification_preferences",
                                         preference_fields(input),
                                         to=NotificationPreferences.from_dto)

    @strawberry.mutation(description="Admins only. The answer holds the signing secret, once.",
                         permission_classes=[IsSignedIn])
    async def create_chat_channel(self, info: Info,
                                  input: CreateChatChannelInput) -> CreateChatChannelResult:
        return await info.context.result("notifications", "create_chat_channel",
                                         channel_fields(input), to=ChatChannel.from_dto)

    @strawberry.mutation(description="Admins only: sends a test message now.",
                         permission_classes=[IsSignedIn])
    async def test_chat_channel(self, info: Info, id: strawberry.ID) -> TestChatChannelResult:
        return await info.context.result("notifications", "test_chat_channel", str(id),
                                         to=lambda t: ChatChannelTest(**t))

    @strawberry.mutation(permission_classes=[IsSignedIn])
    async def delete_chat_channel(self, info: Info,
                                  id: strawberry.ID) -> DeleteChatChannelResult:
        return await info.context.result("notifications", "delete_chat_channel", str(id),
                                         to=lambda c: DeletedChatChannel(id=c["id"]))

    @strawberry.mutation(description="Admins only: a parked delivery is tried again now.",
                         permission_classes=[IsSignedIn])
    async def retry_chat_delivery(self, info: Info,
                                  id: strawberry.ID) -> RetryChatDeliveryResult:
        return await info.context.result("notifications", "retry_chat_delivery", str(id),
                                         to=ChatDelivery.from_dto)
