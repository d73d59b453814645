"""The timers that send: chat deliveries every 2 s, mail every 30 s (mixed into
NotificationsService)."""
from __future__ import annotations

import os

from nameko.timer import timer

from services.notifications import deliveries, digests

DELIVERY_INTERVAL = 2  # seconds
MAIL_INTERVAL = float(os.environ.get("KAIZEN_MAIL_INTERVAL", "30"))  # tests: shorter


class SendingEntrypoints:
    @timer(interval=DELIVERY_INTERVAL)
    def send_chat_deliveries(self) -> None:
        deliveries.send_due(self.db.session)

    @timer(interval=MAIL_INTERVAL)
    def send_mail(self) -> None:
        digests.send_due(self.db.session)
