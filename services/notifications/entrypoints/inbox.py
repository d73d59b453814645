"""The in-app inbox: a person's own notices, newest first (mixed into NotificationsService).
Nobody reads or marks another person's."""
from __future__ import annotations

from services.notifications import store
from services.notifications.dto import notification_dto
from shared.clock import now
from shared.entrypoints import rpc
from shared.errors import ValidationError
from shared.pagination import page, page_window


class InboxEntrypoints:
    @rpc
    def list_notifications(self, first: int | None = None, after: str | None = None,
                           unread_only: bool = False) -> dict:
        person = self.caller.require()
        offset, limit = page_window(first, after)
        rows, total = store.inbox_page(self.db.session, person.user_id, bool(unread_only),
                                       offset, limit + 1)
        return page([notification_dto(r) for r in rows], offset, limit, total)

    @rpc
    def unread_notification_count(self) -> int:
        return store.unread_count(self.db.session, self.caller.require().user_id)

    @rpc
    def mark_notifications_read(self, ids: list[str] | None = None, all: bool = False) -> int:
        """Marks the caller's notices read: those of `ids`, or every one with `all`; returns
        the unread count left. Ids of other people's notices change nothing."""
        person = self.caller.require()
        if not all and not ids:
            raise ValidationError("give the ids to mark read, or all: true", field="ids")
        store.mark_read(self.db.session, person.user_id, None if all else list(ids), now())
        self.db.commit()
        return store.unread_count(self.db.session, person.user_id)
