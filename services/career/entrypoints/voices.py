"""Role voices: people who hold or held a role say what it is like; every opportunity with
that title shows them (mixed into CareerService)."""
from __future__ import annotations

from services.career import domain, store
from services.career.dto import voice_dto
from services.career.validation import validate_voice
from shared.clock import now
from shared.entrypoints import rpc
from shared.errors import PermissionDenied


class VoiceEntrypoints:
    @rpc
    def add_role_voice(self, opportunity_id: str, text: str) -> dict:
        """Leaves (or replaces) the caller's note on the role of this opportunity."""
        caller = self.caller.require()
        clean = validate_voice(text)
        opportunity = store.find_opportunity(self.db.session, opportunity_id)
        person = store.find_person(self.db.session, caller.user_id)
        held = store.held_role_keys(self.db.session, caller.user_id)
        current = domain.voice_standing(opportunity.role_key, person.title, held)
        if current is None:
            raise PermissionDenied("only people who hold or held this role can speak for it")
        voice = store.save_voice(self.db.session, opportunity.role_key, person.id, clean,
                                 current, now())
        self.db.commit()
        return voice_dto(voice)

    @rpc
    def get_role_voices(self, opportunity_ids: list[str]) -> list[list[dict]]:
        """Per opportunity (in the order asked) the voices on its role: current holders
        first, then the newest."""
        self.caller.require()
        return [[voice_dto(v) for v in voices]
                for voices in store.voices_on(self.db.session, opportunity_ids)]
