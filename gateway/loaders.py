"""Every batched read of the gateway, named once: per request, one DataLoader per read, made
on first use. Each turns the service's answers into the owning domain's GraphQL types, so a
type refers to another domain's type lazily and still gets it as an instance."""
from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from strawberry.dataloader import DataLoader

from gateway.career.types import Application, Opportunity, RoleVoice
from gateway.context import Context
from gateway.experiments.audit import MeasurementCorrection
from gateway.experiments.runchart import RunChart
from gateway.experiments.types import Experiment
from gateway.growth.goals import Goal
from gateway.ideas.activity import Comment, ExperimentLink, StatusChange
from gateway.ideas.campaign import Campaign
from gateway.ideas.types import Idea
from gateway.insights.types import Theme, ThemeArea
from gateway.mentoring.types import MentoringProgramme
from gateway.people.types import Person
from gateway.ratelimits import RateLimits
from gateway.rpc import RpcClient
from shared.identity import Identity
from shared.settings import deployed_services


def one(kind) -> Callable[[dict | None], object]:
    return lambda dto: kind.from_dto(dto) if dto else None


def each(kind) -> Callable[[list[dict]], list]:
    return lambda dtos: [kind.from_dto(d) for d in dtos]


def unchanged(answer):
    return answer


class Loaders:
    """A request's loaders: `await info.context.loaders.people.load(person_id)`."""

    def __init__(self, context: Context):
        self._context = context

    def _batch(self, service: str, method: str, *leading, to: Callable = unchanged
               ) -> DataLoader:
        async def load(keys: list[str]) -> list:
            answers = await self._context.query(service, method, *leading, list(keys))
            return [to(answer) for answer in answers]
        return DataLoader(load_fn=load)

    @cached_property
    def people(self) -> DataLoader:
        return self._batch("career", "get_people", to=one(Person))

    @cached_property
    def profiles(self) -> DataLoader:
        """Career's profile of each person, as it sends it (Person's profile fields)."""
        return self._batch("career", "get_profiles")

    @cached_property
    def opportunities(self) -> DataLoader:
        return self._batch("career", "get_opportunities", to=one(Opportunity))

    @cached_property
    def applications_for(self) -> DataLoader:
        return self._batch("career", "get_applications_for", to=each(Application))

    @cached_property
    def role_voices(self) -> DataLoader:
        return self._batch("career", "get_role_voices", to=each(RoleVoice))

    @cached_property
    def mentoring_programmes(self) -> DataLoader:
        return self._batch("career", "get_mentoring_programmes", to=one(MentoringProgramme))

    @cached_property
    def ideas(self) -> DataLoader:
        return self._batch("ideas", "get_ideas", to=one(Idea))

    @cached_property
    def campaigns(self) -> DataLoader:
        return self._batch("ideas", "get_campaigns", to=one(Campaign))

    @cached_property
    def idea_comments(self) -> DataLoader:
        return self._batch("ideas", "get_comments_of", to=each(Comment))

    @cached_property
    def idea_history(self) -> DataLoader:
        return self._batch("ideas", "get_history_of", to=each(StatusChange))

    @cached_property
    def idea_experiments(self) -> DataLoader:
        return self._batch("ideas", "get_experiment_links_of", to=each(ExperimentLink))

    @cached_property
    def idea_votes(self) -> DataLoader:
        """Whether the signed-in person voted for each idea."""
        voter_id = self._context.require_identity().user_id
        return self._batch("ideas", "get_votes_of", voter_id)

    @cached_property
    def idea_themes(self) -> DataLoader:
        """The theme of each idea; none where insights is not deployed."""
        if "insights" not in deployed_services():
            return DataLoader(load_fn=lambda keys: _nothing(len(keys)))
        return self._batch("insights", "theme_of_ideas", to=one(Theme))

    @cached_property
    def theme_areas(self) -> DataLoader:
        """The area of each theme (Theme.area), by area id."""
        return self._batch("insights", "theme_areas_with_ids", to=one(ThemeArea))

    @cached_property
    def experiments(self) -> DataLoader:
        return self._batch("experiments", "get_experiments", to=one(Experiment))

    @cached_property
    def experiment_corrections(self) -> DataLoader:
        return self._batch("experiments", "get_corrections_of", to=each(MeasurementCorrection))

    @cached_property
    def run_charts(self) -> DataLoader:
        """Keyed by (experiment id, rules or None, screen moving ranges, propose after)."""
        return self._batch("experiments", "get_run_charts", to=one(RunChart))

    @cached_property
    def goals(self) -> DataLoader:
        return self._batch("growth", "get_goals", to=one(Goal))

    @cached_property
    def one_on_ones(self) -> DataLoader:
        """A meeting with its agenda, notes and action items, as growth sends it."""
        return self._batch("growth", "get_one_on_ones")


async def _nothing(count: int) -> list[None]:
    return [None] * count


def request_context(rpc: RpcClient, identity: Identity | None, request: object = None,
                    response: object = None,
                    token_scopes: tuple[str, ...] | None = None,
                    rate_limits: RateLimits | None = None) -> Context:
    """A request's context with loaders of its own: nothing is cached across requests."""
    context = Context(rpc=rpc, identity=identity, request=request, response=response,
                      token_scopes=token_scopes, rate_limits=rate_limits)
    context.loaders = Loaders(context)
    return context
