"""Moving experiments through PLAN → DO → STUDY → ACT → CONCLUDED (mixed into
ExperimentsService); see domain.py for the stage machine."""
from __future__ import annotations

from services.experiments import domain, store, validation
from services.experiments.domain import Decision, Stage
from services.experiments.dto import analysis, effect_dto, experiment_dtos
from services.experiments.models import Experiment
from shared.clock import now
from shared.contracts.experiments import Effect, ExperimentConcluded, ExperimentStarted
from shared.entrypoints import rpc
from shared.errors import ValidationError
from shared.identity import Identity


def follow_up_fields(previous: Experiment, members: list[str], given: dict) -> dict:
    """The follow-up of an ADAPT decision keeps the idea, the metric and the members of the
    experiment it continues unless `given` says otherwise."""
    metric = {"name": previous.metric_name, "unit": previous.metric_unit,
              "direction": previous.direction, "baseline": previous.metric_baseline,
              "target": previous.metric_target}
    defaults = {"idea_id": previous.idea_id, "metric": metric, "member_ids": members}
    return defaults | {k: v for k, v in given.items() if v is not None}


class StageEntrypoints:
    @rpc
    def start_experiment(self, experiment_id: str) -> dict:
        """PLAN → DO: the change is in place; later measurements show its effect."""
        return self._advance(experiment_id, "start")

    @rpc
    def study_experiment(self, experiment_id: str) -> dict:
        """DO → STUDY: the team looks at the run chart before deciding."""
        return self._advance(experiment_id, "study")

    @rpc
    def conclude_experiment(self, experiment_id: str, decision: str, learnings: str,
                            where_else: str | None = None, follow_up: dict | None = None) -> dict:
        """STUDY → ACT → CONCLUDED, recording the decision; only the owner or a manager.
        With ADAPT, `follow_up` ({title, hypothesis, starts_on, ends_on, metric?,
        member_ids?}) plans the next experiment of the chain in the same transaction."""
        caller = self.caller.require()
        experiment = store.find(self.db.session, experiment_id)
        domain.check_can_conclude(experiment.owner_id, caller.user_id, caller.has("manager"))
        domain.moves_for("conclude", experiment.stage)
        clean = validation.conclusion(decision, learnings, where_else)
        if follow_up is not None and decision != Decision.ADAPT:
            raise ValidationError("only an ADAPT decision has a follow-up", field="followUp")
        follow = follow_up and self._checked_follow_up(experiment, follow_up, caller)
        # only now lock and write: the follow-up's checks asked other services
        experiment = store.find(self.db.session, experiment_id, lock=True)
        moves = domain.moves_for("conclude", experiment.stage)
        stamp = now()
        for from_stage, to_stage in moves:
            store.record_stage(self.db.session, experiment, from_stage, to_stage,
                               caller.user_id, stamp)
        experiment.decision, experiment.learnings = clean["decision"], clean["learnings"]
        experiment.where_else = clean["where_else"]
        created = self._create(follow, experiment.owner_id, caller.user_id) if follow else None
        self._emit_concluded(experiment, created)
        self.db.commit()
        return experiment_dtos(self.db.session, [experiment])[0]

    def _advance(self, experiment_id: str, action: str) -> dict:
        caller = self.caller.require()
        experiment = store.find(self.db.session, experiment_id, lock=True)
        members = store.member_ids(self.db.session, [experiment.id])[experiment.id]
        domain.check_can_move(members, caller.user_id, caller.has("manager"), f"{action} it")
        stamp = now()
        for from_stage, to_stage in domain.moves_for(action, experiment.stage):
            store.record_stage(self.db.session, experiment, from_stage, to_stage,
                               caller.user_id, stamp)
        if experiment.stage == Stage.DO:
            self.db.emit(ExperimentStarted(
                experiment_id=experiment.id, idea_id=experiment.idea_id,
                title=experiment.title, started_at=stamp.isoformat()))
        self.db.commit()
        return experiment_dtos(self.db.session, [experiment])[0]

    def _emit_concluded(self, experiment: Experiment, follow: Experiment | None) -> None:
        measurements = store.measurements_of(self.db.session, [experiment.id])
        _, effect = analysis(experiment, measurements.get(experiment.id, []))
        members = store.member_ids(self.db.session, [experiment.id])[experiment.id]
        self.db.emit(ExperimentConcluded(
            experiment_id=experiment.id, idea_id=experiment.idea_id, title=experiment.title,
            hypothesis=experiment.hypothesis, decision=experiment.decision,
            learnings=experiment.learnings, where_else=experiment.where_else,
            effect=Effect(**effect_dto(effect)), owner_id=experiment.owner_id,
            member_ids=members, concluded_at=experiment.concluded_at.isoformat(),
            follow_up_id=follow.id if follow else None))

    def _checked_follow_up(self, experiment: Experiment, given: dict,
                           caller: Identity) -> dict:
        members = store.member_ids(self.db.session, [experiment.id])[experiment.id]
        fields = follow_up_fields(experiment, members, given)
        return self._checked_plan(fields, caller, experiment.owner_id, prefix="followUp.",
                                  follows=experiment)
