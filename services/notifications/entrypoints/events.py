"""The events that tell people something, one handler each; domain.RULES says who is told
what (mixed into NotificationsService). A new kind: a contract in shared/contracts, a rule
in domain.RULES and KINDS, and a handler here."""
from __future__ import annotations

from services.notifications import store
from services.notifications.notices import apply_once
from shared.events import event_handler


def _learn_idea(session, e) -> None:
    store.upsert_idea(session, e.idea_id, e.title, e.author_id, e.area)


class NoticeEntrypoints:
    @event_handler("ideas", "idea_submitted")
    def on_idea_submitted(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_idea_submitted", _learn_idea)

    @event_handler("ideas", "idea_status_changed")
    def on_idea_status_changed(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_idea_status_changed")

    @event_handler("ideas", "idea_merged")
    def on_idea_merged(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_idea_merged")

    @event_handler("ideas", "idea_commented")
    def on_idea_commented(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_idea_commented")

    @event_handler("experiments", "experiment_concluded")
    def on_experiment_concluded(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_experiment_concluded",
                   lambda session, e: store.conclude_watch(session, e.experiment_id))

    @event_handler("experiments", "run_chart_signalled")
    def on_run_chart_signalled(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_run_chart_signalled")

    @event_handler("career", "application_submitted")
    def on_application_submitted(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_application_submitted")

    @event_handler("career", "application_decided")
    def on_application_decided(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_application_decided")

    @event_handler("career", "mentoring_requested")
    def on_mentoring_requested(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_mentoring_requested")

    @event_handler("career", "mentoring_match_requested")
    def on_mentoring_match_requested(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_mentoring_match_requested")

    @event_handler("career", "mentoring_match_decided")
    def on_mentoring_match_decided(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_mentoring_match_decided")

    @event_handler("career", "session_scheduled")
    def on_session_scheduled(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_session_scheduled")

    @event_handler("career", "mentoring_session_due")
    def on_mentoring_session_due(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_mentoring_session_due")

    @event_handler("career", "mentorship_stuck")
    def on_mentorship_stuck(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_mentorship_stuck")

    @event_handler("career", "mentorship_closed")
    def on_mentorship_closed(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_mentorship_closed")

    @event_handler("growth", "check_in_reminder_due")
    def on_check_in_reminder_due(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_check_in_reminder_due")

    @event_handler("growth", "check_in_reacted")
    def on_check_in_reacted(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_check_in_reacted")

    @event_handler("growth", "one_on_ones_scheduled")
    def on_one_on_ones_scheduled(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_one_on_ones_scheduled")

    @event_handler("growth", "one_on_one_reminder_due")
    def on_one_on_one_reminder_due(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_one_on_one_reminder_due")

    @event_handler("growth", "kudos_given")
    def on_kudos_given(self, message: dict) -> None:
        apply_once(self.db, message, "notifications.on_kudos_given")
