"""Reflections service entrypoints: check the caller, apply the rules, commit, emit only
what is shared, return plain data. Private reflections never leave it but to their author."""
from __future__ import annotations

from nameko.rpc import RpcProxy
from sqlalchemy import select

from services.reflections import domain, queries, store
from services.reflections.export import export
from services.reflections.habit import habit
from services.reflections.links import check_links
from services.reflections.models import INBOX, OUTBOX, Reflection, ReflectionPrompt
from services.reflections.prompts import clean_prompt
from services.reflections.storage import ReflectionsDatabase
from services.reflections.validation import clean_filter, clean_import, clean_reflection
from services.reflections.views import reflection_dto
from shared import basics, outbox
from shared.clock import now
from shared.contracts.reflections import ReflectionShared, ReflectionUnshared
from shared.entrypoints import rpc
from shared.errors import Conflict, NotFound, PermissionDenied
from shared.identity import SYSTEM, Caller, Identity
from shared.metrics import ServiceMetrics
from shared.pagination import page, page_window


class ReflectionsService(basics.ServiceBasics):
    name = "reflections"

    db = ReflectionsDatabase("reflections", OUTBOX, INBOX)
    caller = Caller()
    metrics = ServiceMetrics()
    ideas_rpc = RpcProxy("ideas")
    experiments_rpc = RpcProxy("experiments")
    career_rpc = RpcProxy("career")


    @rpc
    def write_reflection(self, fields: dict) -> dict:
        """A new reflection of the caller, in the caller's team; PRIVATE unless chosen."""
        author = self.caller.require()
        clean = clean_reflection(fields, author.team, self._prompt_ids())
        reflection = self._create(author.user_id, author.team, clean, now())
        return reflection_dto(reflection, author)

    @rpc
    def update_reflection(self, reflection_id: str, fields: dict) -> dict:
        """Changes the fields given. Choosing a visibility shares with the author's current
        team. NotFound for whoever may not read it, PermissionDenied for other readers."""
        author = self.caller.require()
        reflection = domain.require_author(author, self._find(reflection_id))
        clean = clean_reflection(fields, author.team, self._prompt_ids(), partial=True)
        check_links(clean.get("links", []), self._owners())
        before = _shared(reflection)
        if "visibility" in clean:
            reflection.team = author.team
        store.apply(reflection, clean)
        reflection.updated_at = now()
        self._publish(reflection.id, before, _shared(reflection))
        self.db.commit()
        return reflection_dto(reflection, author)

    @rpc
    def delete_reflection(self, reflection_id: str) -> dict:
        """Deletes the row, its tags and links, and every event that carried its text."""
        author = self.caller.require()
        reflection = domain.require_author(author, self._find(reflection_id))
        before = _shared(reflection)
        self.db.session.delete(reflection)
        self._publish(reflection_id, before, None)
        self.db.commit()
        self.db.fold_log()
        return {"id": reflection_id}

    @rpc
    def get_reflection(self, reflection_id: str) -> dict:
        viewer = self.caller.require()
        return reflection_dto(domain.require_readable(viewer, self._find(reflection_id)), viewer)

    @rpc
    def get_reflections(self, ids: list[str]) -> list[dict | None]:
        """Batch read in the order asked; None where unknown or not the caller's to read."""
        viewer = self.caller.require()
        rows = self.db.session.scalars(select(Reflection).where(Reflection.id.in_(ids))).all()
        found = {r.id: reflection_dto(r, viewer) for r in rows if domain.can_read(viewer, r)}
        return [found.get(i) for i in ids]

    @rpc
    def list_my_reflections(self, filter: dict | None = None, first: int | None = None,
                            after: str | None = None) -> dict:
        viewer = self.caller.require()
        return self._page(viewer, queries.mine(viewer), filter, first, after)

    @rpc
    def list_team_reflections(self, filter: dict | None = None, first: int | None = None,
                              after: str | None = None) -> dict:
        """TEAM reflections of the caller's team and ORGANIZATION ones, the caller's too."""
        viewer = self.caller.require()
        return self._page(viewer, queries.shared_with(viewer), filter, first, after)

    @rpc
    def reflection_habit(self) -> dict:
        """The caller's own weekly streak and count this week; nobody else's."""
        viewer = self.caller.require()
        return habit(queries.written_at(self.db.session, viewer.user_id), now().date())

    @rpc
    def export_my_reflections(self, format: str) -> str:
        viewer = self.caller.require()
        rows = queries.oldest_first(self.db.session, queries.mine(viewer))
        titles = {p.id: p.title for p in store.prompts(self.db.session, include_archived=True)}
        return export([reflection_dto(r, viewer) for r in rows], format, titles)

    @rpc
    def turn_into_idea(self, reflection_id: str, title: str) -> dict:
        """The author submits an idea from a reflection (their consent is this call); the
        idea records its source and the reflection the idea: linked both ways."""
        author = self.caller.require()
        reflection = domain.require_author(author, self._find(reflection_id))
        if reflection.idea_id:
            raise Conflict(f"this reflection already became idea {reflection.idea_id}; "
                           "a reflection becomes one idea at most")
        idea = self.ideas_rpc.submit_idea({
            "title": title, "problem": domain.excerpt(reflection.body),
            "tags": store.tags_of(reflection), "source_reflection_id": reflection.id,
        })
        reflection.idea_id = idea["id"]
        self.db.commit()
        return {"reflection": reflection_dto(reflection, author), "idea": idea}

    @rpc
    def list_prompts(self) -> list[dict]:
        self.caller.require()
        return [prompt.dto() for prompt in store.prompts(self.db.session)]

    @rpc
    def create_prompt(self, fields: dict) -> dict:
        admin = self.caller.require()
        admin.require("admin")
        clean = clean_prompt(fields)
        prompt = store.new_prompt(clean, admin.user_id, now())
        self.db.session.add(prompt)
        self.db.commit()
        return store.prompt_of(prompt).dto()

    @rpc
    def archive_prompt(self, prompt_id: str) -> dict:
        """No longer offered; reflections written from it keep naming it."""
        self.caller.require().require("admin")
        prompt = self.db.session.get(ReflectionPrompt, prompt_id)
        if prompt is None or prompt.archived:
            raise NotFound("no organisation prompt with that id")
        prompt.archived = True
        self.db.commit()
        return store.prompt_of(prompt).dto()

    @rpc
    def import_reflections(self, items: list[dict]) -> list[str]:
        """Back-dated reflections for the demo seed; only the SYSTEM identity may."""
        caller = self.caller.require()
        if caller.user_id != SYSTEM.user_id or not caller.has("admin"):
            raise PermissionDenied("only the system seed imports reflections")
        stamp, prompt_ids = now(), self._prompt_ids()
        cleaned = [clean_import(item, prompt_ids, stamp) for item in items]
        ids = [self._create(c["author_id"], c["team"], c["fields"], c["created_at"],
                            commit=False).id for c in cleaned]
        self.db.commit()
        return ids


    # helpers

    def _create(self, author_id: str, team: str | None, clean: dict, at,
                commit: bool = True) -> Reflection:
        check_links(clean["links"], self._owners())
        reflection = store.new_reflection(author_id, team, clean, at)
        self.db.session.add(reflection)
        self._publish(reflection.id, None, _shared(reflection))
        if commit:
            self.db.commit()
        return reflection

    def _publish(self, reflection_id: str, before: dict | None, after: dict | None) -> None:
        """Emits what the change means outside (nothing while private), and drops the
        earlier shared events: their text was withdrawn or superseded."""
        event = domain.publication(before, after)
        if event is None:
            return
        outbox.forget(self.db.session, OUTBOX, "reflection_shared", "reflection_id",
                      reflection_id)
        if event == "shared":
            self.db.emit(ReflectionShared(**after))
        else:
            self.db.emit(ReflectionUnshared(reflection_id=reflection_id))

    def _page(self, viewer: Identity, query, raw_filter, first, after) -> dict:
        flt = clean_filter(raw_filter)
        offset, limit = page_window(first, after)
        rows, total = queries.fetch_page(self.db.session, queries.filtered(query, flt),
                                         offset, limit)
        return page([reflection_dto(r, viewer) for r in rows], offset, limit, total)

    def _find(self, reflection_id: str) -> Reflection | None:
        return self.db.session.get(Reflection, str(reflection_id))

    def _owners(self) -> dict:
        return {"ideas": self.ideas_rpc, "experiments": self.experiments_rpc,
                "career": self.career_rpc}

    def _prompt_ids(self) -> set[str]:
        return {prompt.id for prompt in store.prompts(self.db.session)}


def _shared(reflection: Reflection) -> dict | None:
    return domain.shared_view(reflection, store.tags_of(reflection))
