"""GraphQL's Float, except that a non-finite number in the variables (JSON `NaN`,
`Infinity`, `1e309`, which Python's JSON reader accepts) reaches the resolver instead of
failing variable coercion.

graphql-core refuses it before any resolver runs, so the client got an error without a
field (masked: "Unexpected error."). Passed through, it reaches the owning service, whose
validation answers a ValidationError naming the field (`value`, `metric.target`), as for
any other number out of range (a literal `1e309` in the query text already got there).
graphql-core forbids redefining the reserved `Float`, so `allow_non_finite_input` adjusts
its input coercion in place (the gateway is graphql-core's only user in its process);
results still refuse non-finite numbers."""
from __future__ import annotations

import math
from typing import Any

from graphql import GraphQLFloat

_coerce = GraphQLFloat.coerce_input_value


def coerce_input_value(value: Any) -> float:
    if isinstance(value, float) and not math.isfinite(value):
        return value
    return _coerce(value)


def allow_non_finite_input() -> None:
    GraphQLFloat.coerce_input_value = coerce_input_value
    GraphQLFloat.parse_value = coerce_input_value
