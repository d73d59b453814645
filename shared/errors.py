"""Typed domain errors. nameko re-raises them by dotted path at the caller, so the gateway
maps each to its GraphQL error type by class, never by parsing messages."""
from __future__ import annotations

from nameko.exceptions import deserialize_to_instance


class DomainError(Exception):
    """Base of every error a user may see; `message` is safe to show."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


@deserialize_to_instance
class NotFound(DomainError):
    pass


@deserialize_to_instance
class PermissionDenied(DomainError):
    pass


@deserialize_to_instance
class Unauthenticated(DomainError):
    pass


@deserialize_to_instance
class Conflict(DomainError):
    pass


@deserialize_to_instance
class ValidationError(DomainError):
    """args[0]: a list of {"field": ..., "message": ...}; travels as JSON."""

    def __init__(self, errors: list[dict] | str, field: str | None = None):
        if isinstance(errors, str):
            errors = [{"field": field or "input", "message": errors}]
        super().__init__(errors)

    @property
    def errors(self) -> list[dict]:
        return list(self.args[0])

    @property
    def message(self) -> str:
        return "; ".join(f"{e['field']}: {e['message']}" for e in self.errors)

    def __str__(self) -> str:
        return self.message


class FieldErrors:
    """Collects every field problem of one input, then raises them together."""

    def __init__(self) -> None:
        self.errors: list[dict] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append({"field": field, "message": message})

    def check(self, condition: bool, field: str, message: str) -> None:
        if not condition:
            self.add(field, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
