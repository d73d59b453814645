"""Typed GraphQL errors: every mutation returns a union of its success type and these; a
query's errors are public (shown with a code) or masked."""
from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.types.field import StrawberryField

from gateway.rpc import ServiceUnavailable
from shared import errors as domain
from shared.settings import retry_after_seconds


@strawberry.interface(description="A problem the user can act on; `message` is safe to show.")
class UserError:
    message: str


@strawberry.type
class FieldError:
    field: str
    message: str


@strawberry.type(description="Input was refused; `field` names the first bad field.")
class ValidationError(UserError):
    field: str
    fields: list[FieldError]


@strawberry.type
class NotFoundError(UserError):
    pass


@strawberry.type
class PermissionDeniedError(UserError):
    pass


@strawberry.type
class ConflictError(UserError):
    pass


@strawberry.type(description="A service the change needs did not answer (an outage, a restart). "
                             "Retry after `retryAfterSeconds` with the same idempotency key "
                             "(`Idempotency-Key` header or `clientMutationId`): a change that "
                             "was made is answered again, never made twice.")
class ServiceUnavailableError(UserError):
    retry_after_seconds: int

    @classmethod
    def of(cls, exc: ServiceUnavailable) -> ServiceUnavailableError:
        return cls(message=f"The {exc.service} service is unavailable right now",
                   retry_after_seconds=retry_after_seconds())


@strawberry.type(description="Too many calls of this kind in a short time: try again after "
                             "`retryAfterSeconds`. Nothing was done.")
class RateLimitedError(UserError):
    retry_after_seconds: int


# What any mutation may answer before its service is asked: sign in first, or too many calls.
Refused = PermissionDeniedError | RateLimitedError


SIGN_IN_FIRST = "sign in first: send 'Authorization: Bearer <token>'"


def user_error(exc: domain.DomainError) -> UserError:
    """Maps a domain error raised by a service (re-raised by nameko by class) to its type,
    with the service's message."""
    if isinstance(exc, domain.ValidationError):
        fields = [FieldError(field=e["field"], message=e["message"]) for e in exc.errors]
        return ValidationError(message=exc.message, field=fields[0].field, fields=fields)
    if isinstance(exc, domain.NotFound):
        return NotFoundError(message=exc.message)
    if isinstance(exc, domain.PermissionDenied | domain.Unauthenticated):
        return PermissionDeniedError(message=exc.message)
    if isinstance(exc, domain.Conflict):
        return ConflictError(message=exc.message)
    raise exc


class PublicError(GraphQLError):
    """An error of a query that is shown as is; every other error is masked."""

    def __init__(self, message: str, code: str):
        super().__init__(message, extensions={"code": code})


class SignInFirst(PublicError):
    """No bearer token: a query fails with it, a mutation answers PermissionDeniedError."""

    def __init__(self) -> None:
        super().__init__(SIGN_IN_FIRST, "UNAUTHENTICATED")


class SignInFirstAnswer(strawberry.ExceptionHandler[SignInFirst, PermissionDeniedError]):
    """Strawberry applies it only to fields whose union holds PermissionDeniedError (every
    mutation); on any other field SignInFirst stays an UNAUTHENTICATED error."""

    def handle(self, exception: SignInFirst, *, field: StrawberryField,
               info: strawberry.Info) -> PermissionDeniedError:
        return PermissionDeniedError(message=exception.message)


class RateLimited(PublicError):
    """The caller's bucket for this kind of call is empty (gateway.ratelimits): a query fails
    with it (code RATE_LIMITED), a mutation answers RateLimitedError (RateLimitedAnswer)."""

    def __init__(self, retry_after_seconds: int):
        super().__init__(f"too many calls: try again in {retry_after_seconds} s", "RATE_LIMITED")
        self.retry_after_seconds = retry_after_seconds
        self.extensions["retryAfterSeconds"] = retry_after_seconds


class RateLimitedAnswer(strawberry.ExceptionHandler[RateLimited, RateLimitedError]):
    """Applied to the fields whose union holds RateLimitedError (every mutation)."""

    def handle(self, exception: RateLimited, *, field: StrawberryField,
               info: strawberry.Info) -> RateLimitedError:
        return RateLimitedError(message=exception.message,
                                retry_after_seconds=exception.retry_after_seconds)


class Missing(PublicError):
    """A read found nothing (the service's NotFound, with its message): NOT_FOUND. A
    resolver that answers null or a NotFoundError for a missing thing catches it."""

    def __init__(self, message: str):
        super().__init__(message, "NOT_FOUND")


def public_error(exc: Exception) -> PublicError:
    """A read's domain error as a public error with a code (a bad id or argument is the
    caller's to fix, never an "Unexpected error."); anything else is re-raised (masked)."""
    if isinstance(exc, domain.NotFound):
        return Missing(exc.message)
    if isinstance(exc, domain.Conflict):
        return PublicError(exc.message, "CONFLICT")
    if isinstance(exc, domain.Unauthenticated):
        return PublicError(exc.message, "UNAUTHENTICATED")
    if isinstance(exc, domain.PermissionDenied):
        return PublicError(exc.message, "FORBIDDEN")
    if isinstance(exc, domain.ValidationError):
        return PublicError(exc.message, "BAD_USER_INPUT")
    if isinstance(exc, ServiceUnavailable):
        return PublicError(str(exc), "SERVICE_UNAVAILABLE")
    raise exc


def should_mask(error: GraphQLError) -> bool:
    original = error.original_error
    if isinstance(error, PublicError) or isinstance(original, PublicError):
        return False
    return original is not None  # syntax and validation errors carry no original error
