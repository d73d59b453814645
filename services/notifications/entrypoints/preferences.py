"""A person's own choices: per kind in-app, e-mail and chat; the digest cadence, time zone
and quiet hours; and the one-click unsubscribe of a mail (mixed into NotificationsService)."""
from __future__ import annotations

from services.notifications import preferences, store, unsubscribe, validation
from services.notifications.dto import preferences_dto
from shared.entrypoints import rpc


class PreferenceEntrypoints:
    @rpc
    def get_notification_preferences(self) -> dict:
        return self._preferences(self.caller.require().user_id)

    @rpc
    def update_notification_preferences(self, fields: dict) -> dict:
        person = self.caller.require().user_id
        change = validation.preference_change(fields)
        for choice in change.kinds:
            store.set_kind_preference(self.db.session, person, choice.kind, choice.in_app,
                                      choice.email, choice.chat)
        settings = store.settings_of(self.db.session, person, lock=True)
        settings.digest = change.digest or settings.digest
        settings.time_zone = change.time_zone or settings.time_zone
        if change.quiet is not None:
            settings.quiet_from, settings.quiet_until = change.quiet
        self.db.commit()
        return self._preferences(person)

    @rpc
    def unsubscribe(self, token: str) -> dict:
        """The mail's List-Unsubscribe link: its signature names the person and what to stop
        (one kind's e-mail, or the digest); no sign-in, so it works from any mail client."""
        person, kind = unsubscribe.read_token(token)
        if kind == unsubscribe.DIGEST:
            store.settings_of(self.db.session, person, lock=True).digest = "NONE"
        else:
            current = preferences.effective(kind, store.kind_preference(self.db.session,
                                                                        person, kind))
            store.set_kind_preference(self.db.session, person, kind, current.in_app, False,
                                      current.chat)
        self.db.commit()
        return {"person_id": person, "kind": kind}

    def _preferences(self, person_id: str) -> dict:
        stored = store.kind_preferences(self.db.session, person_id)
        return preferences_dto(preferences.every_kind(stored),
                               store.settings_of(self.db.session, person_id))
