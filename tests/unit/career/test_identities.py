"""The sign-in rules: allowed domains, groups to roles, deactivated and unverified refusals,
and the claims read from a token."""
from __future__ import annotations

import pytest

from services.career import identities
from services.career.identities import SignInClaims
from services.career.validation import validate_claims
from shared.errors import PermissionDenied, ValidationError
from shared.settings import OidcSettings

MAPPING = OidcSettings.from_env().role_groups


def claims(**overrides) -> SignInClaims:
    base = dict(issuer="https://idp", subject="s1", email="a@x.example", email_verified=True,
                name="A", team=None, groups=None)
    return SignInClaims(**{**base, **overrides})


@pytest.mark.parametrize("groups, roles", [
    ((), ["employee"]),
    (("kaizen-reviewers",), ["employee", "reviewer"]),
    (("kaizen-admins", "kaizen-managers", "other"), ["employee", "manager", "admin"]),
    (("Kaizen-Reviewers",), ["employee"]),  # group names are exact
])
def test_groups_map_to_roles_and_everyone_is_an_employee(groups, roles):
    assert identities.roles_from_groups(groups, MAPPING) == roles


def test_the_default_mapping_is_the_documented_one():
    assert MAPPING == {"kaizen-reviewers": "reviewer", "kaizen-managers": "manager",
                       "kaizen-admins": "admin"}


@pytest.mark.parametrize("email, allowed, ok", [
    ("a@x.example", (), True),
    ("a@X.Example", ("x.example",), True),
    ("a@y.example", ("x.example", "z.example"), False),
    ("a@sub.x.example", ("x.example",), False),
])
def test_only_allowed_e_mail_domains_sign_in(email, allowed, ok):
    if ok:
        identities.check_domain(email, allowed)
    else:
        with pytest.raises(PermissionDenied, match="cannot sign in"):
            identities.check_domain(email, allowed)


def test_a_deactivated_person_is_refused():
    identities.check_active(True)
    with pytest.raises(PermissionDenied, match="deactivated"):
        identities.check_active(False)


def test_an_unverified_e_mail_that_is_taken_is_refused():
    identities.check_email_match(claims(email_verified=False), taken=False)
    identities.check_email_match(claims(), taken=True)
    with pytest.raises(PermissionDenied, match="not verified"):
        identities.check_email_match(claims(email_verified=False), taken=True)


def test_claims_are_read_with_the_configured_names():
    raw = {"iss": "https://idp", "sub": "s1", "email": " A@X.example ", "email_verified": True,
           "name": "  Ana   Silva ", "department": "Assembly", "roles": "kaizen-reviewers x"}
    clean = validate_claims(raw, groups_claim="roles", team_claim="department")
    assert clean == claims(email="a@x.example", name="Ana Silva", team="Assembly",
                           groups=("kaizen-reviewers", "x"))
    assert validate_claims({**raw, "email_verified": "true"}, "roles", "department"
                           ).email_verified is False  # only a JSON true counts
    assert validate_claims({k: v for k, v in raw.items() if k != "roles"}, "roles",
                           "department").groups is None


def test_claims_without_subject_or_e_mail_name_every_missing_field():
    with pytest.raises(ValidationError) as raised:
        validate_claims({"iss": "https://idp", "groups": 7}, "groups", "team")
    assert [e["field"] for e in raised.value.errors] == ["sub", "email", "groups"]
