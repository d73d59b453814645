"""Links to what other services own, checked against their owners with the caller's
identity (the call context carries the caller's token onwards).

A kind whose owner is not deployed, lacks the batch read or does not answer in time is
left unchecked (logged): a journal entry must not fail because another service is away.
A None in an owner's answer means it does not know the id (or the caller may not see it).
"""
from __future__ import annotations

import logging

import eventlet
from nameko.exceptions import MethodNotFound, UnknownService

from services.reflections.validation import LinkKind
from shared.errors import ValidationError

log = logging.getLogger(__name__)

OWNERS = {
    LinkKind.IDEA: ("ideas", "get_ideas"),
    LinkKind.EXPERIMENT: ("experiments", "get_experiments"),
    LinkKind.OPPORTUNITY: ("career", "get_opportunities"),
}
ANSWER_WITHIN = 5.0


def check_links(links: list[dict], proxies: dict) -> None:
    """Raises ValidationError on `links` naming every id an owner does not know.
    `proxies` maps service name -> nameko RpcProxy."""
    problems = []
    for kind, (service, method) in OWNERS.items():
        ids = [link["id"] for link in links if link["kind"] == kind]
        found = ask(proxies[service], method, ids) if ids else None
        if found is None:
            continue
        unknown = [i for i, item in zip(ids, found, strict=True) if item is None]
        if unknown:
            problems.append(f"no {kind.lower()} with id {', '.join(unknown)}")
    if problems:
        raise ValidationError([{"field": "links", "message": p} for p in problems])


def ask(proxy, method: str, ids: list[str]) -> list | None:
    """The owner's batch answer, or None when it cannot answer now."""
    try:
        with eventlet.Timeout(ANSWER_WITHIN):
            return getattr(proxy, method).call_async(ids).result()
    except (UnknownService, MethodNotFound, eventlet.Timeout) as exc:
        log.warning("links to %s left unchecked: %r", proxy.service_name, exc)
        return None
