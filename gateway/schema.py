"""The root schema, composed from per-domain pieces, with the security extensions on."""
from __future__ import annotations

import strawberry
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)

from gateway.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    should_mask,
)
from gateway.ideas import IdeasMutation, IdeasQuery
from gateway.people import PeopleQuery

MAX_DEPTH = 10
MAX_TOKENS = 2000
MAX_ALIASES = 15


@strawberry.type
class Query(PeopleQuery, IdeasQuery):
    pass


@strawberry.type
class Mutation(IdeasMutation):
    pass


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=[ValidationError, NotFoundError, PermissionDeniedError, ConflictError],
        extensions=[
            QueryDepthLimiter(max_depth=MAX_DEPTH),
            MaxTokensLimiter(max_token_count=MAX_TOKENS),
            MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
            MaskErrors(should_mask_error=should_mask),
        ],
    )


schema = build_schema()
