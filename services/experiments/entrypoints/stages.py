"""Moving experiments through PLAN → DO → STUDY → ACT → CONCLUDED (mixed into
ExperimentsService); see domain.py for the stage machine."""
from __future__ import annotations

from datetime import datetime

from services.experiments import domain, plans, store, validation
from services.experiments.domain import Stage
from services.experiments.dto import analysis, effect_dto, experiment_dtos
from services.experiments.models import Experiment
from services.experiments.references import Peers
from shared.clock import now
from shared.contracts.experiments import Effect, ExperimentConcluded, ExperimentStarted
from shared.entrypoints import rpc


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
        domain.check_can_conclude(experiment.owner_id, caller)
        domain.moves_for("conclude", experiment.stage)
        conclusion = validation.conclusion(decision, learnings, where_else)
        given = validation.follow_up(decision, follow_up)
        follow = self._checked_follow_up(experiment, given, caller) if given else None
        # only now lock and write: the follow-up's checks asked other services
        experiment = store.find(self.db.session, experiment_id, lock=True)
        moves = domain.moves_for("conclude", experiment.stage)
        self._move(experiment, moves, caller.user_id)
        experiment.decision, experiment.learnings = conclusion.decision, conclusion.learnings
        experiment.where_else = conclusion.where_else
        created = follow and plans.add(self.db, follow, experiment.owner_id, caller.user_id)
        self._emit_concluded(experiment, created)
        self.db.commit()
        return experiment_dtos(self.db.session, [experiment])[0]

    def _advance(self, experiment_id: str, action: str) -> dict:
        caller = self.caller.require()
        experiment = store.find(self.db.session, experiment_id, lock=True)
        members = store.member_ids(self.db.session, [experiment.id])[experiment.id]
        domain.check_can_move(members, caller, f"{action} it")
        stamp = self._move(experiment, domain.moves_for(action, experiment.stage),
                           caller.user_id)
        if experiment.stage == Stage.DO:
            self.db.emit(ExperimentStarted(
                experiment_id=experiment.id, idea_id=experiment.idea_id,
                title=experiment.title, started_at=stamp.isoformat()))
        self.db.commit()
        return experiment_dtos(self.db.session, [experiment])[0]

    def _move(self, experiment: Experiment, moves: list[tuple[Stage, Stage]],
              by: str) -> datetime:
        """Records `moves` (from domain.moves_for) at one moment, which it returns."""
        stamp = now()
        for from_stage, to_stage in moves:
            store.record_stage(self.db.session, experiment, from_stage, to_stage, by, stamp)
        return stamp

    def _emit_concluded(self, experiment: Experiment, follow: Experiment | None) -> None:
        measurements = store.measurements_of(self.db.session, [experiment.id])
        _, _, effect = analysis(experiment, measurements.get(experiment.id, []))
        members = store.member_ids(self.db.session, [experiment.id])[experiment.id]
        self.db.emit(ExperimentConcluded(
            experiment_id=experiment.id, idea_id=experiment.idea_id, title=experiment.title,
            hypothesis=experiment.hypothesis, decision=experiment.decision,
            learnings=experiment.learnings, where_else=experiment.where_else,
            effect=Effect(**effect_dto(effect)), owner_id=experiment.owner_id,
            member_ids=members, concluded_at=experiment.concluded_at.isoformat(),
            follow_up_id=follow.id if follow else None))

    def _checked_follow_up(self, experiment: Experiment, given: dict,
                           caller: domain.Actor) -> validation.Plan:
        members = store.member_ids(self.db.session, [experiment.id])[experiment.id]
        return plans.checked(self.db.session, Peers(self.career_rpc, self.ideas_rpc),
                             plans.follow_up_fields(experiment, members, given), caller,
                             experiment.owner_id, prefix="followUp.", follows=experiment)
