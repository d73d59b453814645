"""Prompt templates: the ones on offer, and the organisation's own, which admins add and
archive (mixed into ReflectionsService)."""
from __future__ import annotations

from services.reflections import store
from services.reflections.dto import prompt_dto
from services.reflections.prompts import clean_prompt
from shared.clock import now
from shared.entrypoints import rpc


class PromptEntrypoints:
    @rpc
    def list_prompts(self) -> list[dict]:
        self.caller.require()
        return [prompt_dto(prompt) for prompt in store.prompts(self.db.session)]

    @rpc
    def create_prompt(self, fields: dict) -> dict:
        admin = self.caller.require()
        admin.require("admin")
        draft = clean_prompt(fields)
        prompt = store.add_prompt(self.db.session, draft, admin.user_id, now())
        self.db.commit()
        return prompt_dto(store.prompt_of(prompt))

    @rpc
    def archive_prompt(self, prompt_id: str) -> dict:
        """No longer offered; reflections written from it keep naming it."""
        self.caller.require().require("admin")
        prompt = store.find_offered_prompt(self.db.session, prompt_id)
        prompt.archived = True
        self.db.commit()
        return prompt_dto(store.prompt_of(prompt))
