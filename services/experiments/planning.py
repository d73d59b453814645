"""Planning and reading experiments (mixed into ExperimentsService)."""
from __future__ import annotations

import uuid

from sqlalchemy import select

from services.experiments import domain, references, store, validation
from services.experiments.domain import Decision, Stage
from services.experiments.dto import experiment_dtos
from services.experiments.models import Experiment
from shared.clock import now
from shared.contracts.experiments import ExperimentPlanned
from shared.entrypoints import rpc
from shared.errors import FieldErrors, ValidationError
from shared.identity import Identity
from shared.pagination import page, page_window


class PlanningEntrypoints:
    @rpc
    def plan_experiment(self, fields: dict) -> dict:
        """The caller owns the new experiment and is its first member. With
        `previous_experiment_id` it follows up an experiment concluded with ADAPT."""
        owner = self.caller.require()
        experiment = self._plan(fields, owner, owner.user_id)
        self.db.commit()
        return experiment_dtos(self.db.session, [experiment])[0]

    @rpc
    def get_experiments(self, ids: list[str]) -> list[dict | None]:
        """Batch read in the order asked; None where an id is unknown."""
        self.caller.require()
        rows = self.db.session.scalars(select(Experiment).where(Experiment.id.in_(ids))).all()
        found = {dto["id"]: dto for dto in experiment_dtos(self.db.session, list(rows))}
        return [found.get(i) for i in ids]

    @rpc
    def list_experiments(self, first: int | None = None, after: str | None = None,
                         filter: dict | None = None) -> dict:
        """The newest first; filter: {stage, idea_id, member_id}."""
        self.caller.require()
        offset, limit = page_window(first, after)
        rows, total = store.listing(self.db.session, validation.listing(filter), offset, limit)
        return page(experiment_dtos(self.db.session, rows), offset, limit, total)

    def _plan(self, fields: dict, caller: Identity, owner_id: str) -> Experiment:
        return self._create(self._checked_plan(fields, caller, owner_id), owner_id,
                            caller.user_id)

    def _checked_plan(self, fields: dict, caller: Identity, owner_id: str, prefix: str = "",
                      follows: Experiment | None = None) -> dict:
        """Clean fields of a new experiment, its members and idea checked with their owners
        (ValidationError naming fields with `prefix`). Reads only: call it before taking a
        lock or writing. `follows` is the experiment an ADAPT decision continues."""
        errors = FieldErrors()
        clean = validation.plan(fields, errors)
        if follows is None:
            self._check_previous(clean, caller, errors)
        else:
            clean["previous_id"] = follows.id
        clean["member_ids"] = [owner_id, *(m for m in clean["member_ids"] if m != owner_id)]
        references.check_members(self.career_rpc, clean["member_ids"][1:], errors)
        references.check_idea(self.ideas_rpc, clean["idea_id"], errors)
        if errors.errors:
            raise ValidationError([{**e, "field": prefix + e["field"]} for e in errors.errors])
        return clean

    def _check_previous(self, clean: dict, caller: Identity, errors: FieldErrors) -> None:
        if clean["previous_id"] is None:
            return
        previous = self.db.session.get(Experiment, clean["previous_id"])
        if previous is None:
            errors.add("previousExperimentId", "no experiment with this id")
            return
        if (previous.stage, previous.decision) != (Stage.CONCLUDED, Decision.ADAPT):
            errors.add("previousExperimentId", "a follow-up continues an experiment concluded "
                       f"with ADAPT; this one is {previous.stage} "
                       f"{'with ' + previous.decision if previous.decision else ''}".strip())
            return
        members = store.member_ids(self.db.session, [previous.id]).get(previous.id, [])
        domain.check_can_follow_up(members, caller.user_id, caller.has("manager"))
        clean["idea_id"] = clean["idea_id"] or previous.idea_id

    def _create(self, clean: dict, owner_id: str, by: str) -> Experiment:
        """Adds the experiment of `clean` (from _checked_plan) and emits experiment_planned."""
        stamp, metric = now(), clean["metric"]
        experiment = Experiment(
            id=str(uuid.uuid4()), title=clean["title"], hypothesis=clean["hypothesis"],
            stage=Stage.PLAN, owner_id=owner_id, idea_id=clean["idea_id"],
            previous_id=clean["previous_id"], metric_name=metric["name"],
            metric_unit=metric["unit"], direction=metric["direction"],
            metric_baseline=metric["baseline"], metric_target=metric["target"],
            starts_on=clean["starts_on"], ends_on=clean["ends_on"], created_at=stamp,
            updated_at=stamp)
        self.db.session.add(experiment)
        store.add_members(self.db.session, experiment.id, clean["member_ids"])
        store.record_stage(self.db.session, experiment, None, Stage.PLAN, by, stamp)
        self.db.emit(ExperimentPlanned(
            experiment_id=experiment.id, idea_id=experiment.idea_id, title=experiment.title,
            hypothesis=experiment.hypothesis, owner_id=owner_id,
            member_ids=clean["member_ids"], previous_experiment_id=experiment.previous_id))
        return experiment
