"""Typed errors survive nameko's serialisation; cursors are opaque and checked."""
from __future__ import annotations

import pytest
from nameko.exceptions import deserialize, serialize

from gateway.errors import ValidationError as GqlValidationError
from gateway.errors import user_error
from shared.errors import Conflict, FieldErrors, NotFound, ValidationError
from shared.pagination import decode_cursor, encode_cursor, page, page_window


def test_validation_errors_cross_the_wire_with_every_field():
    errors = FieldErrors()
    errors.add("title", "too short")
    errors.add("tags", "too many")
    with pytest.raises(ValidationError) as raised:
        errors.raise_if_any()
    back = deserialize(serialize(raised.value))
    assert isinstance(back, ValidationError)
    assert [e["field"] for e in back.errors] == ["title", "tags"]
    mapped = user_error(back)
    assert isinstance(mapped, GqlValidationError) and mapped.field == "title"
    assert [f.field for f in mapped.fields] == ["title", "tags"]


@pytest.mark.parametrize("error", [NotFound("no idea 7"), Conflict("SUBMITTED -> IMPLEMENTED")])
def test_domain_errors_come_back_as_their_own_class(error):
    back = deserialize(serialize(error))
    assert type(back) is type(error) and back.message == error.message


def test_cursors_round_trip_and_garbage_is_a_validation_error_on_after():
    assert decode_cursor(encode_cursor(40)) == 40
    for bad in ("nonsense", encode_cursor(-1), "bzotMQ=="):
        with pytest.raises(ValidationError) as raised:
            decode_cursor(bad)
        assert raised.value.errors[0]["field"] == "after"


def test_page_window_bounds_and_has_next():
    assert page_window(None, None) == (0, 20)
    with pytest.raises(ValidationError):
        page_window(101, None)
    result = page(list(range(4)), offset=10, first=3, total=20)
    assert result["items"] == [0, 1, 2] and result["has_next"]
    assert decode_cursor(result["end_cursor"]) == 13
