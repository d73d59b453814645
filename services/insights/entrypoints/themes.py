"""Themes as the API shows them (mixed into InsightsService): read from each theme's stored
summary, so a read never loads a theme's members. A theme's `size` counts its live ideas;
shared reflections and concluded experiments with learnings are counted apart, and
reflection texts never leave."""
from __future__ import annotations

from services.insights import store, theme_upkeep, validation
from services.insights.dto import area_dtos, theme_dtos
from shared.entrypoints import rpc


class ThemeEntrypoints:
    @rpc
    def themes(self, first: int | None = None, unaddressed: bool | None = None) -> list[dict]:
        """Largest first (then most reflected on); `unaddressed` filters on the flag."""
        self.caller.require()
        first = validation.first(first, 10, validation.MAX_THEMES)
        return theme_dtos(store.largest(self.db.session, first, unaddressed))

    @rpc
    def theme_of_ideas(self, idea_ids: list[str]) -> list[dict | None]:
        """Batch read for Idea.theme: the theme of each idea, in the order asked."""
        self.caller.require()
        theme_of = store.themes_of_ideas(self.db.session, idea_ids)
        themes = store.shown_with_ids(self.db.session, set(theme_of.values()))
        dtos = {d["id"]: d for d in theme_dtos(themes)}
        return [dtos.get(theme_of.get(i)) for i in idea_ids]

    @rpc
    def theme(self, theme_id: str) -> dict | None:
        """One shown theme by id; None for an unknown id or a theme left empty."""
        self.caller.require()
        found = theme_dtos(store.shown_with_ids(self.db.session, {str(theme_id)}))
        return found[0] if found else None

    @rpc
    def theme_areas(self, first: int | None = None, themes_first: int | None = None
                    ) -> list[dict]:
        """Broad areas with their themes, for the overview: those with the most live ideas
        first, each with its shown themes largest first. An area shows while one of its
        themes does, and is read by everyone, as themes are."""
        self.caller.require()
        first = validation.first(first, 20, validation.MAX_THEMES)
        themes_first = validation.first(themes_first, 50, validation.MAX_THEMES)
        return area_dtos(store.areas(self.db.session, first), themes_first)

    @rpc
    def theme_areas_with_ids(self, area_ids: list[str]) -> list[dict | None]:
        """Batch read for Theme.area, in the order asked; None for an area not shown."""
        self.caller.require()
        wanted = {str(a) for a in area_ids}
        found = {d["id"]: d for d in area_dtos(
            store.areas(self.db.session, len(wanted), wanted), validation.MAX_THEMES)}
        return [found.get(str(a)) for a in area_ids]

    @rpc
    def recluster(self, full: bool = True) -> dict:
        """Reviewers and admins: re-cluster everything (ids kept where clusters overlap), or
        only the pool when `full` is false."""
        self.caller.require().require("reviewer")
        if full:
            result = theme_upkeep.recluster_everything(self.db.session)
        else:
            result = {"created": len(theme_upkeep.cluster_the_pool(self.db.session))}
        self.db.commit()
        return result
