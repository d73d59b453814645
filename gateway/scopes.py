"""What an integrator's API token may do, by its scopes: READ reads; each WRITE_x changes
the service it names (and reads). Reflections are never read with a token unless it carries
WRITE_REFLECTIONS (and then, as everywhere, only its author's own). A person's own session
(scopes None) is not limited here."""
from __future__ import annotations

from shared.errors import PermissionDenied

SCOPES = ("READ", "WRITE_IDEAS", "WRITE_EXPERIMENTS", "WRITE_CAREER", "WRITE_REFLECTIONS")
WRITE_SCOPE = {"ideas": "WRITE_IDEAS", "experiments": "WRITE_EXPERIMENTS",
               "career": "WRITE_CAREER", "reflections": "WRITE_REFLECTIONS"}
PRIVATE_READS = {"reflections": "WRITE_REFLECTIONS"}


def check_read(scopes: tuple[str, ...] | None, service: str) -> None:
    if scopes is None:
        return
    needed = PRIVATE_READS.get(service)
    if needed and needed not in scopes:
        raise PermissionDenied(f"an API token needs the {needed} scope to read {service}")


def check_write(scopes: tuple[str, ...] | None, service: str) -> None:
    if scopes is None:
        return
    needed = WRITE_SCOPE.get(service)
    if needed is None:
        raise PermissionDenied("an API token cannot make this change: sign in as yourself")
    if needed not in scopes:
        raise PermissionDenied(f"this API token lacks the {needed} scope")


def check_session(scopes: tuple[str, ...] | None) -> None:
    """Managing tokens takes a person's own session: a token cannot mint another."""
    if scopes is not None:
        raise PermissionDenied("API tokens are managed from your own session, not with one")
