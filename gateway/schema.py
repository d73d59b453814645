"""The root schema, composed from per-domain pieces, with the security extensions on."""
from __future__ import annotations

import strawberry
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)

from gateway.career.mutations import CareerMutation
from gateway.career.queries import CareerQuery
from gateway.cost import QueryCostLimiter, max_query_cost
from gateway.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedAnswer,
    RateLimitedError,
    SignInFirstAnswer,
    ValidationError,
    should_mask,
)
from gateway.experiments.mutations import ExperimentsMutation
from gateway.experiments.queries import ExperimentsQuery
from gateway.experiments.subscriptions import ExperimentsSubscription
from gateway.growth.mutations import GrowthMutation
from gateway.growth.queries import GrowthQuery
from gateway.ideas.mutations import IdeasMutation
from gateway.ideas.queries import IdeasQuery
from gateway.ideas.subscriptions import IdeasSubscription
from gateway.idempotency import every_mutation
from gateway.insights.mutations import InsightsMutation
from gateway.insights.queries import InsightsQuery
from gateway.mentoring.mutations import MentoringMutation
from gateway.mentoring.queries import MentoringQuery
from gateway.metrics import OperationMetrics
from gateway.notifications.mutations import NotificationsMutation
from gateway.notifications.queries import NotificationsQuery
from gateway.notifications.subscriptions import NotificationsSubscription
from gateway.numbers import allow_non_finite_input
from gateway.people.mutations import PeopleMutation
from gateway.people.queries import PeopleQuery
from gateway.production import schema_extensions
from gateway.ratelimits import limit_root_fields
from gateway.reflections.mutations import ReflectionsMutation
from gateway.reflections.queries import ReflectionsQuery
from gateway.tokens.mutations import TokensMutation
from gateway.tokens.queries import TokensQuery
from shared.production import is_production

MAX_DEPTH = 10
MAX_TOKENS = 2000
MAX_ALIASES = 15
# Distinct query texts kept parsed and validated (LRU): the portal sends a few dozen; a client
# sending arbitrary ones only evicts. Validating against this schema is the gateway's largest
# per-request cost: idea(id) executed in 5.4-10 ms without the caches, 0.2 ms with them
# (benchmarks/gateway_costs.py).
DOCUMENT_CACHE = 512


@strawberry.type
class Query(PeopleQuery, IdeasQuery, ReflectionsQuery, ExperimentsQuery, CareerQuery,
            MentoringQuery, InsightsQuery, NotificationsQuery, GrowthQuery, TokensQuery):
    pass


@every_mutation  # clientMutationId and ServiceUnavailableError on each (gateway.idempotency)
@strawberry.type
class Mutation(IdeasMutation, ReflectionsMutation, ExperimentsMutation, CareerMutation,
               MentoringMutation, InsightsMutation, NotificationsMutation, GrowthMutation,
               TokensMutation, PeopleMutation):
    pass


limit_root_fields(Query, Mutation)


@strawberry.type
class Subscription(NotificationsSubscription, IdeasSubscription, ExperimentsSubscription):
    pass


def build_schema(document_cache: int | None = DOCUMENT_CACHE, max_cost: int | None = None,
                 production: bool | None = None) -> strawberry.Schema:
    """The schema; ``document_cache=None`` parses and validates every request afresh (the
    benchmark's comparison); ``max_cost`` defaults to KAIZEN_MAX_QUERY_COST, ``production``
    to KAIZEN_ENV (no introspection, no suggestions)."""
    allow_non_finite_input()
    production = is_production() if production is None else production
    cost_limit = max_query_cost() if max_cost is None else max_cost
    caches = [] if document_cache is None else [
        lambda: ParserCache(maxsize=document_cache),
        lambda: ValidationCache(maxsize=document_cache)]
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[ValidationError, NotFoundError, PermissionDeniedError, ConflictError,
               RateLimitedError],
        extensions=[
            QueryDepthLimiter(max_depth=MAX_DEPTH),
            MaxTokensLimiter(max_token_count=MAX_TOKENS),
            MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
            *caches,
            lambda: QueryCostLimiter(max_cost=cost_limit),
            *schema_extensions(production),
            MaskErrors(should_mask_error=should_mask),
            OperationMetrics,
        ],
        exception_handlers=[SignInFirstAnswer(), RateLimitedAnswer()],
    )


schema = build_schema()
