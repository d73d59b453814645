"""Planning and reading experiments (mixed into ExperimentsService)."""
from __future__ import annotations

from services.experiments import plans, store, validation
from services.experiments.dto import experiment_dtos
from services.experiments.references import Peers
from shared.entrypoints import rpc
from shared.pagination import page, page_window


class PlanningEntrypoints:
    @rpc
    def plan_experiment(self, fields: dict) -> dict:
        """The caller owns the new experiment and is its first member. With
        `previous_experiment_id` it follows up an experiment concluded with ADAPT."""
        owner = self.caller.require()
        plan = plans.checked(self.db.session, Peers(self.career_rpc, self.ideas_rpc), fields,
                             owner, owner.user_id)
        experiment = plans.add(self.db, plan, owner.user_id, owner.user_id)
        self.db.commit()
        return experiment_dtos(self.db.session, [experiment])[0]

    @rpc
    def get_experiments(self, ids: list[str]) -> list[dict | None]:
        """Batch read in the order asked; None where an id is unknown."""
        self.caller.require()
        rows = store.experiments_by_id(self.db.session, ids)
        found = {dto["id"]: dto for dto in experiment_dtos(self.db.session, rows)}
        return [found.get(i) for i in ids]

    @rpc
    def list_experiments(self, first: int | None = None, after: str | None = None,
                         filter: dict | None = None) -> dict:
        """The newest first; filter: {stage, idea_id, member_id}."""
        self.caller.require()
        offset, limit = page_window(first, after)
        rows, total = store.listing(self.db.session, validation.listing(filter), offset, limit)
        return page(experiment_dtos(self.db.session, rows), offset, limit, total)
