"""Machine tokens in the career service on a real broker, against SQLite and PostgreSQL:
the secret answered once and kept only as its hash, each person's tokens their own,
revocation at once, provisioning tokens an admin's, and kinds never mixed."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from shared.db import make_engine
from shared.errors import NotFound, PermissionDenied, Unauthenticated
from shared.identity import SYSTEM, Identity
from tests.integration.career.support import call

ANA_EMAIL = "ana@example.org"


@pytest.fixture
def ana(career) -> Identity:
    [person_id] = call(career, "upsert_people", [{"name": "Ana", "email": ANA_EMAIL,
                                                  "team": "Assembly"}])
    return Identity(person_id, ("employee",), "Assembly")


def test_the_secret_is_answered_once_and_only_its_hash_is_stored(career, career_db, ana):
    made = call(career, "create_api_token", {"name": "Board", "scopes": ["READ"]},
                identity=ana)
    engine = make_engine(career_db)
    with engine.connect() as connection:
        stored = connection.execute(text("select * from access_tokens")).mappings().one()
    engine.dispose()
    assert made["secret"] not in str(dict(stored))
    assert stored["secret_hash"] != made["secret"] and len(stored["secret_hash"]) == 64
    assert "secret" not in call(career, "my_api_tokens", identity=ana)[0]
    found = call(career, "authenticate_api_token", made["secret"], identity=SYSTEM)
    assert found["person"]["email"] == ANA_EMAIL and found["scopes"] == ["READ"]


def test_a_revoked_token_is_refused_and_others_cannot_revoke_it(career, ana):
    made = call(career, "create_api_token", {"name": "Bot", "scopes": ["READ"]}, identity=ana)
    stranger = Identity("someone-else", ("employee",), "Quality")
    with pytest.raises(NotFound):
        call(career, "revoke_api_token", made["token"]["id"], identity=stranger)
    assert call(career, "my_api_tokens", identity=stranger) == []
    call(career, "revoke_api_token", made["token"]["id"], identity=ana)
    with pytest.raises(Unauthenticated, match="revoked"):
        call(career, "authenticate_api_token", made["secret"], identity=SYSTEM)


def test_only_the_gateway_looks_tokens_up(career, ana):
    made = call(career, "create_api_token", {"name": "Bot", "scopes": ["READ"]}, identity=ana)
    with pytest.raises(PermissionDenied):
        call(career, "authenticate_api_token", made["secret"], identity=ana)


def test_provisioning_tokens_are_an_admins_and_never_api_tokens(career, ana):
    with pytest.raises(PermissionDenied):
        call(career, "create_provisioning_token", "Entra ID", identity=ana)
    made = call(career, "create_provisioning_token", "Entra ID")
    assert made["secret"].startswith("kzscim_")
    assert call(career, "authenticate_provisioning_token", made["secret"],
                identity=SYSTEM)["name"] == "Entra ID"
    with pytest.raises(Unauthenticated):
        call(career, "authenticate_api_token", made["secret"], identity=SYSTEM)
    api = call(career, "create_api_token", {"name": "Bot", "scopes": ["READ"]}, identity=ana)
    with pytest.raises(Unauthenticated):
        call(career, "authenticate_provisioning_token", api["secret"], identity=SYSTEM)
    call(career, "revoke_provisioning_token", made["token"]["id"])
    with pytest.raises(Unauthenticated, match="revoked"):
        call(career, "authenticate_provisioning_token", made["secret"], identity=SYSTEM)
