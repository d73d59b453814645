"""What a SCIM User document says of a person, and what groups make of their members: a
mapped group grants its role, any other is a team, the last team joined wins."""
from __future__ import annotations

from services.career import provisioning
from services.career.provisioning import UserFields

ROLE_GROUPS = {"kaizen-reviewers": "reviewer", "kaizen-managers": "manager"}


def test_a_full_document_sets_every_column():
    document = {"userName": " bjensen ", "displayName": "Babs  Jensen", "externalId": "00u1",
                "title": "Tour guide", "active": False,
                "emails": [{"value": "home@example.org"},
                           {"value": "B.Jensen@Example.org", "primary": True}]}
    assert provisioning.user_fields(document) == UserFields(
        user_name="bjensen", email="b.jensen@example.org", name="Babs Jensen",
        external_id="00u1", title="Tour guide", active=False)


def test_the_name_falls_back_to_formatted_then_given_and_family_then_user_name():
    base = {"userName": "bj@example.org"}
    assert provisioning.name_of({**base, "name": {"formatted": "B. J."}}) == "B. J."
    assert provisioning.name_of({**base, "name": {"givenName": "Barbara",
                                                  "familyName": "Jensen"}}) == "Barbara Jensen"
    assert provisioning.name_of(base) == "bj@example.org"
    assert len(provisioning.name_of({**base, "displayName": "x" * 300})) == 120


def test_the_e_mail_is_the_primary_then_the_first_then_a_user_name_that_is_one():
    assert provisioning.email_of({"userName": "u", "emails": [{"value": "a@x.org"},
                                                              {"value": "b@x.org"}]}) == "a@x.org"
    assert provisioning.email_of({"userName": "Login@X.org"}) == "login@x.org"
    assert provisioning.email_of({"userName": "login"}) is None
    assert provisioning.email_of({"userName": "@"}) is None


def test_active_is_true_unless_the_document_says_false():
    assert provisioning.user_fields({"userName": "u"}).active is True
    assert provisioning.user_fields({"userName": "u", "active": True}).active is True


def test_mapped_groups_grant_roles_in_the_order_of_roles():
    assert provisioning.roles_of(["kaizen-managers", "Paint Shop", "kaizen-reviewers"],
                                 ROLE_GROUPS) == ["employee", "reviewer", "manager"]
    assert provisioning.roles_of(["Paint Shop"], ROLE_GROUPS) == ["employee"]
    assert provisioning.is_role_group("kaizen-reviewers", ROLE_GROUPS)
    assert not provisioning.is_role_group("Kaizen-Reviewers", ROLE_GROUPS)  # names exact


def test_the_team_is_the_team_group_joined_last():
    assert provisioning.team_of(["Assembly", "Paint Shop"]) == "Paint Shop"
    assert provisioning.team_of([]) is None
    assert len(provisioning.team_of(["t" * 200])) == provisioning.TEAM_MAX


def test_values_too_long_to_keep_are_named():
    fields = provisioning.user_fields({"userName": "u" * 256, "externalId": "e" * 300,
                                       "emails": [{"value": "a" * 250 + "@x.org"}]})
    assert provisioning.too_long(fields) == ("userName: at most 255 characters; externalId: "
                                             "at most 255 characters; emails: at most 254 "
                                             "characters")
    assert provisioning.too_long(provisioning.user_fields({"userName": "u@x.org"})) is None
