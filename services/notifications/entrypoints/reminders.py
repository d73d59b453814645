"""Reminders on a timer (mixed into NotificationsService): overdue measurements of running
experiments, learnt from experiments' events, and the weekly reflection prompt for those who
asked. The rules are in reminders.py; each spell or week is told once (its own event id)."""
from __future__ import annotations

import os
from datetime import UTC, datetime

from nameko.timer import timer

from services.notifications import reminders, store
from services.notifications.notices import learn_once, record_notices
from shared.clock import now
from shared.contracts import experiments
from shared.events import event_handler

REMINDER_INTERVAL = float(os.environ.get("KAIZEN_REMINDER_INTERVAL", "3600"))  # seconds


class ReminderEntrypoints:
    @event_handler("experiments", "experiment_planned")
    def on_experiment_planned(self, message: dict) -> None:
        learn_once(self.db, message, "notifications.on_experiment_planned", _planned)

    @event_handler("experiments", "experiment_started")
    def on_experiment_started(self, message: dict) -> None:
        learn_once(self.db, message, "notifications.on_experiment_started", _started)

    @event_handler("experiments", "measurement_recorded")
    def on_measurement_recorded(self, message: dict) -> None:
        learn_once(self.db, message, "notifications.on_measurement_recorded", _recorded)

    @timer(interval=REMINDER_INTERVAL)
    def send_reminders(self) -> None:
        at = now()
        for row in store.running_experiments(self.db.session):
            points = store.watch_points(row)
            due = reminders.next_point_due(row.started_at, points)
            if due is None or at < due:
                continue
            notices = reminders.overdue_notices(row.id, row.title, row.owner_id,
                                                store.watch_members(row), points, due)
            record_notices(self.db, notices, reminders.spell_id(row.id, row.started_at, points))
        for person_id in store.people_asking(self.db.session, "REFLECTION_PROMPT"):
            zone = store.settings_of(self.db.session, person_id).time_zone or "UTC"
            record_notices(self.db, [reminders.prompt_notice(person_id)],
                           reminders.prompt_id(person_id, at, zone))
        self.db.commit()


def _at(iso: str) -> datetime:
    stamp = datetime.fromisoformat(iso)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _planned(session, e: experiments.ExperimentPlanned) -> None:
    store.watch_experiment(session, e.experiment_id, e.title, e.owner_id, e.member_ids)


def _started(session, e: experiments.ExperimentStarted) -> None:
    row = store.watched_experiment(session, e.experiment_id)
    if row is not None:
        row.started_at = _at(e.started_at)


def _recorded(session, e: experiments.MeasurementRecorded) -> None:
    row = store.watched_experiment(session, e.experiment_id)
    if row is not None and e.corrected_from is None:  # a correction is no new point
        store.add_watch_point(row, _at(e.at), reminders.POINTS_KEPT)
