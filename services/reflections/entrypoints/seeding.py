"""Back-dated reflections for the demo seed (mixed into ReflectionsService)."""
from __future__ import annotations

from services.reflections import domain, store
from services.reflections.entrypoints import changes
from services.reflections.validation import clean_import
from shared.clock import now
from shared.entrypoints import rpc
from shared.identity import SYSTEM


class SeedEntrypoints:
    @rpc
    def import_reflections(self, items: list[dict]) -> list[str]:
        """All or nothing; only the SYSTEM identity may."""
        domain.require_seed(self.caller.require(), SYSTEM.user_id)
        stamp, prompt_ids = now(), store.prompt_ids(self.db.session)
        seeds = [clean_import(item, prompt_ids, stamp) for item in items]
        proxies = changes.owners(self)
        ids = [changes.create(self.db, proxies, seed.author_id, seed.team, seed.fields,
                              seed.created_at).id for seed in seeds]
        self.db.commit()
        return ids
