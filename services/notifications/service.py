"""The notifications service: decides who is told what from the other services' events, and
tells them in the app, by e-mail (digests) and in their teams' Slack, Teams or webhooks.

Composition only: the entrypoints are mixins in `entrypoints/`, one per use, reached through
their modules (`nameko run` takes every class with entrypoints in this module's namespace)."""
from __future__ import annotations

from services.notifications.entrypoints import (
    channels,
    directory,
    events,
    inbox,
    preferences,
    reminders,
    sending,
)
from services.notifications.models import INBOX, OUTBOX
from shared import basics
from shared.db import Database
from shared.metrics import ServiceMetrics
from shared.verify import Caller


class NotificationsService(basics.ServiceBasics, directory.DirectoryEntrypoints,
                           events.NoticeEntrypoints, inbox.InboxEntrypoints,
                           preferences.PreferenceEntrypoints, channels.ChannelEntrypoints,
                           sending.SendingEntrypoints, reminders.ReminderEntrypoints):
    name = "notifications"

    db = Database("notifications", OUTBOX, INBOX)
    caller = Caller()
    metrics = ServiceMetrics()
