"""Reading a chart under another rule set, splitting it into parts, and the organisation's
default rule set (mixed into ExperimentsService)."""
from __future__ import annotations

from services.experiments import domain, store, validation
from services.experiments.dto import analysis, chart_dto, experiment_dtos
from shared.clock import now
from shared.entrypoints import rpc
from shared.errors import FieldErrors, NotFound


class ChartEntrypoints:
    @rpc
    def get_run_charts(self, requests: list[list]) -> list[dict | None]:
        """[experiment id, rules or None, screen moving ranges, propose a split after] -> the
        chart, in the order asked; None where the id is unknown."""
        self.caller.require()
        asked = [validation.chart_request(r) for r in requests]
        ids = list(dict.fromkeys(a.experiment_id for a in asked))
        experiments = {e.id: e for e in store.experiments_by_id(self.db.session, ids)}
        measured = store.measurements_of(self.db.session, ids)
        splits = store.splits_of(self.db.session, ids)
        answers = []
        for a in asked:
            experiment = experiments.get(a.experiment_id)
            if experiment is None:
                answers.append(None)
                continue
            parts = splits.get(experiment.id, [])
            chart, run, _ = analysis(experiment, measured.get(experiment.id, []), parts,
                                     a.rules, a.screen, a.propose_after)
            answers.append(chart_dto(chart, run, parts))
        return answers

    @rpc
    def split_run_chart(self, experiment_id: str, at: str, reason: str) -> dict:
        """Members (or a manager): the points from `at` on start a new part with its own
        centre line and limits. The experiment with its chart."""
        caller = self.caller.require()
        experiment = store.find(self.db.session, experiment_id, lock=True)
        members = store.member_ids(self.db.session, [experiment.id])[experiment.id]
        domain.check_can_move(members, caller, "split its chart")
        measured = store.measurements_of(self.db.session, [experiment.id]).get(experiment.id, [])
        split = validation.split(at, reason, [m.at for m in measured], now())
        store.split_chart(self.db.session, experiment, split.at, split.reason, caller.user_id,
                          now())
        self.db.commit()
        return experiment_dtos(self.db.session, [experiment])[0]

    @rpc
    def remove_run_chart_split(self, experiment_id: str, at: str) -> dict:
        """Members (or a manager): the part starting at `at` joins the one before again."""
        caller = self.caller.require()
        experiment = store.find(self.db.session, experiment_id, lock=True)
        members = store.member_ids(self.db.session, [experiment.id])[experiment.id]
        domain.check_can_move(members, caller, "change its chart")
        errors = FieldErrors()
        moment = validation.moment(at, "at", errors, now())
        errors.raise_if_any()
        if not store.remove_split(self.db.session, experiment, moment):
            raise NotFound("the chart has no split at this time")
        self.db.commit()
        return experiment_dtos(self.db.session, [experiment])[0]

    @rpc
    def get_chart_settings(self) -> dict:
        self.caller.require()
        return {"default_rules": store.default_rules(self.db.session)}

    @rpc
    def set_default_rules(self, rules: str) -> dict:
        """Admins only: the rule set experiments planned from now on read their charts with."""
        caller = self.caller.require()
        domain.check_admin(caller, "set the default rule set")
        errors = FieldErrors()
        clean = validation.rule_set(rules, "rules", errors)
        errors.check(clean is not None, "rules", "is required")
        errors.raise_if_any()
        store.set_default_rules(self.db.session, clean, caller.user_id, now())
        self.db.commit()
        return {"default_rules": clean}
