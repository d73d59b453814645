"""The SCIM filters career answers (RFC 7644 §3.4.2.2): one `eq` comparison with a string, on
an attribute an identity provider looks a resource up by. Anything else is refused with
400 invalidFilter rather than filtered after paging (which would make totalResults wrong)."""
from __future__ import annotations

from dataclasses import dataclass

from scim2_models import InvalidFilterException
from scim2_models.path import CompareOperator, Comparison

# attribute (as a filter names it, any case) -> the column it compares, per resource type
FILTERABLE = {
    "User": {"username": "user_name", "externalid": "external_id", "id": "id",
             "emails.value": "email", "emails": "email"},
    "Group": {"displayname": "display_name", "externalid": "external_id", "id": "id"},
}


@dataclass(frozen=True)
class Equality:
    column: str
    value: str


def equality(resource_type: str, ast) -> Equality | None:
    """The comparison a parsed filter (`ScimFilter.ast`, None for no filter) asks for.

    :raises InvalidFilterException: for any other filter, naming what is supported.
    """
    if ast is None:
        return None
    supported = FILTERABLE[resource_type]
    if not (isinstance(ast, Comparison) and ast.op == CompareOperator.eq
            and isinstance(ast.value, str)):
        raise InvalidFilterException(detail=unsupported(resource_type))
    path = ast.attr_path
    name = (path.attr + (f".{path.sub_attr}" if path.sub_attr else "")).casefold()
    if path.uri not in (None, f"urn:ietf:params:scim:schemas:core:2.0:{resource_type}") \
            or name not in supported:
        raise InvalidFilterException(detail=unsupported(resource_type))
    return Equality(supported[name], ast.value)


def unsupported(resource_type: str) -> str:
    names = {"User": "userName, externalId, id, emails.value",
             "Group": "displayName, externalId, id"}[resource_type]
    return f'only `ATTRIBUTE eq "value"` filters are supported, on {names}'
