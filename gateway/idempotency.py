"""What every mutation has without writing it: an idempotency key and ServiceUnavailableError.

`every_mutation(Mutation)` gives each root mutation field, new ones included:
- an optional argument `clientMutationId: String`; with the HTTP `Idempotency-Key` header
  it is the key the owning service runs the change once for (shared.idempotency). Both
  sent: they must be equal, else a ValidationError naming `clientMutationId`. A header on a
  document holding several mutations keys each by its response name (`key/alias`).
- `ServiceUnavailableError` in its result union, which `Context.result` answers when the
  service did not answer or the broker is unreachable, and `ValidationError` (a refused
  key) where the union did not hold it.
The key reaches `Context.result` through a context variable set while the field resolves.
"""
from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from graphql import FieldNode
from strawberry.annotation import StrawberryAnnotation
from strawberry.extensions import FieldExtension
from strawberry.types.arguments import StrawberryArgument
from strawberry.types.field import StrawberryField
from strawberry.types.union import StrawberryUnion

from gateway.errors import FieldError, ServiceUnavailableError, ValidationError
from shared.idempotency import FIELD, MAX_KEY_LENGTH

HEADER = "idempotency-key"
ARGUMENT = "client_mutation_id"
_current: ContextVar[str | None] = ContextVar("idempotency_key", default=None)


class KeyRefused(Exception):
    pass


def current_key() -> str | None:
    """The idempotency key of the mutation resolving now, if it has one."""
    return _current.get()


def key_for(headers, operation, response_name: str, given: str | None) -> str | None:
    header = headers.get(HEADER) if headers is not None else None
    if given is not None and header is not None and given != header:
        raise KeyRefused("differs from the Idempotency-Key header: send one, or the same in both")
    if given is None and header is not None and _mutations_in(operation) > 1:
        given = f"{header}/{response_name}"
    key = given if given is not None else header
    if key is not None and not (0 < len(key) <= MAX_KEY_LENGTH and key.isprintable()):
        raise KeyRefused(f"an idempotency key is 1 to {MAX_KEY_LENGTH} printable characters")
    return key


def _mutations_in(operation) -> int:
    selections = operation.selection_set.selections if operation is not None else []
    return sum(isinstance(s, FieldNode) for s in selections) or 1


class IdempotentMutation(FieldExtension):
    def apply(self, field: StrawberryField) -> None:
        if all(a.python_name != ARGUMENT for a in field.arguments):
            field.arguments = [*field.arguments, StrawberryArgument(
                python_name=ARGUMENT, graphql_name=None,
                type_annotation=StrawberryAnnotation(str | None), default=None)]
        field.type = with_key_answers(field.type)

    async def resolve_async(self, next_, source: Any, info, **kwargs) -> Any:
        given = kwargs.pop(ARGUMENT, None)
        request = info.context.request
        try:
            key = key_for(getattr(request, "headers", None), info.operation, info.path.key,
                          given)
        except KeyRefused as exc:
            message = f"{FIELD}: {exc}"
            return ValidationError(message=message, field=FIELD,
                                   fields=[FieldError(field=FIELD, message=str(exc))])
        token = _current.set(key)
        try:
            return await next_(source, info, **kwargs)
        finally:
            _current.reset(token)


def with_key_answers(union: Any) -> Any:
    """`union` with ValidationError (a refused key) and ServiceUnavailableError among its
    types; unions equal before stay equal, so a union shared by several fields stays one."""
    if not isinstance(union, StrawberryUnion):
        raise TypeError(f"a mutation answers a result union, not {union!r}")
    held = {a.resolve() for a in union.type_annotations}
    extra = tuple(StrawberryAnnotation(t) for t in (ValidationError, ServiceUnavailableError)
                  if t not in held)
    if not extra:
        return union
    return StrawberryUnion(name=union.graphql_name, type_annotations=(
        *union.type_annotations, *extra), description=union.description,
        directives=union.directives)


def every_mutation(mutation_type: type) -> type:
    """Adds IdempotentMutation to every field of the root mutation type, once."""
    for field in mutation_type.__strawberry_definition__.fields:
        if not any(isinstance(e, IdempotentMutation) for e in field.extensions):
            field.extensions.append(IdempotentMutation())
    return mutation_type
