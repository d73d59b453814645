"""The parts of shared.idempotency that need no database: which call a key is for, the
input fingerprint, and the keys refused."""
from __future__ import annotations

import pytest

from shared import idempotency
from shared.errors import ValidationError


def test_a_key_is_for_the_one_call_it_names():
    data = {"auth": "token", **idempotency.context_data("k1", "growth.turn_problem_into_idea")}
    assert idempotency.requested(data, "growth.turn_problem_into_idea") == "k1"
    # the ideas call growth makes onwards carries the same context, not the key for itself
    assert idempotency.requested(data, "ideas.submit_idea") is None
    assert idempotency.requested({"auth": "token"}, "ideas.submit_idea") is None


def test_the_fingerprint_is_the_input_whatever_the_key_order():
    same = idempotency.fingerprint({"fields": {"title": "a", "tags": ["x"]}})
    assert same == idempotency.fingerprint({"fields": {"tags": ["x"], "title": "a"}})
    assert same != idempotency.fingerprint({"fields": {"title": "b", "tags": ["x"]}})


@pytest.mark.parametrize("key", ["", "k" * 256, "tab\tinside", "nul\x00"])
def test_a_malformed_key_is_refused_naming_client_mutation_id(key):
    with pytest.raises(ValidationError) as refused:
        idempotency.check_key(key)
    assert [e["field"] for e in refused.value.errors] == ["clientMutationId"]


def test_a_well_formed_key_passes():
    idempotency.check_key("7b0e4c1e-5f0a-4d6e-9f2b-0c1d2e3f4a5b")
    idempotency.check_key("k" * 255)
