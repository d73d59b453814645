"""The SCIM filters career answers: one `eq` with a string on a lookup attribute (any case,
schema-qualified or not), nothing else (400 invalidFilter naming what is supported)."""
from __future__ import annotations

import pytest
from scim2_models import InvalidFilterException, ScimFilter

from services.career.scim_filters import Equality, equality


def parsed(text: str):
    return ScimFilter(text).ast


@pytest.mark.parametrize("resource_type, text, expected", [
    ("User", 'userName eq "bjensen"', Equality("user_name", "bjensen")),
    ("User", 'USERNAME eq "BJensen"', Equality("user_name", "BJensen")),
    ("User", 'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "b"',
     Equality("user_name", "b")),
    ("User", 'externalId eq "00u1"', Equality("external_id", "00u1")),
    ("User", 'emails.value eq "b@example.org"', Equality("email", "b@example.org")),
    ("User", 'id eq "42"', Equality("id", "42")),
    ("Group", 'displayName eq "Paint Shop"', Equality("display_name", "Paint Shop")),
    ("Group", 'externalId eq "g-1"', Equality("external_id", "g-1")),
])
def test_lookup_equalities_are_answered(resource_type, text, expected):
    assert equality(resource_type, parsed(text)) == expected


def test_no_filter_is_everyone():
    assert equality("User", None) is None


@pytest.mark.parametrize("resource_type, text", [
    ("User", 'userName co "jen"'),                       # another operator
    ("User", 'userName sw "b"'),
    ("User", 'userName eq "a" or userName eq "b"'),      # a logical expression
    ("User", 'not (userName eq "a")'),
    ("User", 'title pr'),                                # presence
    ("User", 'name.givenName eq "Barbara"'),             # not a lookup attribute
    ("User", 'displayName eq "Barbara"'),
    ("User", 'emails[type eq "work"]'),                  # a value path
    ("User", 'active eq true'),                          # not a string
    ("Group", 'userName eq "b"'),                        # another type's attribute
    ("Group", 'urn:ietf:params:scim:schemas:core:2.0:User:displayName eq "x"'),
])
def test_anything_else_is_an_invalid_filter(resource_type, text):
    with pytest.raises(InvalidFilterException) as refused:
        equality(resource_type, parsed(text))
    assert "eq" in refused.value.detail and "externalId" in refused.value.detail
