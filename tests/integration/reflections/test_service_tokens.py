"""Least privilege between services, at the reflections service on the real broker: a
private reflection is read only with a token the gateway signed for reflections. A service
that calls others for a person (insights, career) holds a key of its own, and reflections
refuses what it signs, except career's closing reflection (write_reflection)."""
from __future__ import annotations

import pytest
from nameko.testing.services import entrypoint_hook

from services.reflections.service import ReflectionsService
from shared.errors import Unauthenticated
from shared.identity import CONTEXT_KEY, mint_service_token
from tests.support.identities import ANA
from tests.support.services import call


@pytest.fixture
def container(start_service):
    return start_service(ReflectionsService)


def as_signed(container, method: str, *args, signed_by: str, audience: str = "reflections"):
    context = {CONTEXT_KEY: mint_service_token(ANA, audience, signed_by)}
    with entrypoint_hook(container, method, context_data=context) as hook:
        return hook(*args)


def test_insights_key_cannot_read_a_private_reflection(container):
    diary = call(container, "write_reflection", {"body": "Private-c71 about my manager"},
                 identity=ANA)
    assert as_signed(container, "get_reflection", diary["id"], signed_by="gateway")["id"] \
        == diary["id"]
    for method, args in (("get_reflection", (diary["id"],)), ("get_reflections", ([diary["id"]],)),
                         ("list_my_reflections", ()), ("export_my_reflections", ("MARKDOWN",))):
        with pytest.raises(Unauthenticated):
            as_signed(container, method, *args, signed_by="insights")


def test_career_key_may_write_a_closing_reflection_but_not_read_one(container):
    written = as_signed(container, "write_reflection", {"body": "Closing-9d2 mentorship"},
                        signed_by="career")
    with pytest.raises(Unauthenticated):
        as_signed(container, "get_reflection", written["id"], signed_by="career")
    assert call(container, "get_reflection", written["id"], identity=ANA)["body"] \
        == "Closing-9d2 mentorship"


def test_a_gateway_token_for_another_service_is_refused(container):
    diary = call(container, "write_reflection", {"body": "Private-e40"}, identity=ANA)
    with pytest.raises(Unauthenticated):  # career received it; it cannot replay it here
        as_signed(container, "get_reflection", diary["id"], signed_by="gateway",
                  audience="career")
