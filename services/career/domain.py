"""Rules of the career service, free of frameworks."""
from __future__ import annotations

import re

from shared.errors import FieldErrors
from shared.identity import ROLES

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_email(raw: str) -> str:
    return raw.strip().casefold()


def validate_person(fields: dict) -> dict:
    errors = FieldErrors()
    name = " ".join(str(fields.get("name") or "").split())
    email = normalise_email(str(fields.get("email") or ""))
    roles = [r for r in fields.get("roles") or ["employee"]]
    errors.check(1 <= len(name) <= 120, "name", "must be 1 to 120 characters")
    errors.check(bool(EMAIL.match(email)), "email", "must be an e-mail address")
    errors.check(all(r in ROLES for r in roles), "roles", f"each role must be one of {ROLES}")
    errors.raise_if_any()
    if "employee" not in roles:
        roles = ["employee", *roles]
    return {
        "name": name,
        "email": email,
        "title": str(fields.get("title") or "").strip(),
        "team": fields.get("team") or None,
        "location": str(fields.get("location") or "").strip(),
        "roles": roles,
    }
