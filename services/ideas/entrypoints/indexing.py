"""The bulk read insights rebuilds its read model from (mixed into IdeasService)."""
from __future__ import annotations

from services.ideas import store, validation
from services.ideas.dto import index_page
from shared.entrypoints import rpc


class IndexingEntrypoints:
    @rpc
    def ideas_to_index(self, first: int | None = None, after: str | None = None) -> dict:
        """What insights indexes of every idea but the DUPLICATE ones, oldest first, `first`
        a page (default 1,000, at most 5,000) after the cursor `after`; for the
        `kaizen-insights reindex` CLI, admins only. Paged by keyset, so a page costs the
        same at any depth; `total` comes with the first page only (no count per page)."""
        self.caller.require().require("admin")
        window = validation.validate_index_page(first, after)
        rows = store.ideas_to_index(self.db.session, window)
        total = store.count_to_index(self.db.session) if window.after is None else None
        return index_page(self.db.session, rows, window.first, total)
