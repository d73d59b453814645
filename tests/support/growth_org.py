"""The organisation the growth tests act in: two teams with a manager each, a director over
the Assembly manager, and an admin; as career's directory import and as a fake of it."""
from __future__ import annotations

from unittest.mock import MagicMock

from shared.identity import Identity

PEOPLE = [
    {"name": "Dana Director", "email": "dana@example.org", "team": "Leadership",
     "roles": ["manager"]},
    {"name": "Mia Manager", "email": "mia@example.org", "team": "Assembly",
     "roles": ["manager"], "manager_email": "dana@example.org"},
    {"name": "Ana Assembler", "email": "ana@example.org", "team": "Assembly",
     "manager_email": "mia@example.org"},
    {"name": "Carl Colleague", "email": "carl@example.org", "team": "Assembly",
     "manager_email": "mia@example.org"},
    {"name": "Quinn Quality", "email": "quinn@example.org", "team": "Quality",
     "roles": ["manager"]},
    {"name": "Ben Outsider", "email": "ben@example.org", "team": "Quality",
     "manager_email": "quinn@example.org"},
    {"name": "Ada Admin", "email": "ada@example.org", "team": "Office", "roles": ["admin"]},
]


def local(email: str) -> str:
    return email.split("@")[0]


def directory_entries() -> dict[str, dict]:
    """career's person dtos with the e-mail's local part as id."""
    return {local(p["email"]): {
        "id": local(p["email"]), "name": p["name"], "email": p["email"], "title": "",
        "team": p["team"], "location": "", "roles": ["employee", *p.get("roles", [])],
        "manager_id": local(p["manager_email"]) if p.get("manager_email") else None,
    } for p in PEOPLE}


def identities(entries: dict[str, dict]) -> dict[str, Identity]:
    """By local part: the identity each person signs in with."""
    return {local(p["email"]): Identity(p["id"], tuple(p["roles"]), p["team"])
            for p in entries.values()}


def fake_career() -> MagicMock:
    """career_rpc answering get_people and list_people from the directory above."""
    entries = directory_entries()
    career = MagicMock(service_name="career")
    career.get_people.side_effect = lambda ids: [entries.get(i) for i in ids]

    def list_people(first=20, after=None, team=None, **_):
        found = [p for p in entries.values() if team is None or p["team"] == team]
        return {"items": found, "total": len(found), "end_cursor": None, "has_next": False}

    career.list_people.side_effect = list_people
    return career
