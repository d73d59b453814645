"""Who manages whom and who is in a team, asked of the people directory (the career
service) as the caller, once per person per call."""
from __future__ import annotations

from shared.errors import NotFound

CHAIN_MAX = 20  # a deeper chain is a loop in the directory, cut here
PAGE = 100


class Directory:
    """Reads through `career_rpc` (`get_people`, `list_people`), remembering answers for
    the one call it serves."""

    def __init__(self, career_rpc) -> None:
        self._career = career_rpc
        self._people: dict[str, dict | None] = {}

    def people(self, ids: list[str]) -> dict[str, dict | None]:
        missing = [i for i in dict.fromkeys(ids) if i not in self._people]
        if missing:
            self._people.update(zip(missing, self._career.get_people(missing), strict=True))
        return {i: self._people[i] for i in ids}

    def person(self, person_id: str) -> dict | None:
        return self.people([person_id])[person_id]

    def require(self, person_id: str, field: str = "person") -> dict:
        found = self.person(person_id)
        if found is None:
            raise NotFound(f"no person with that id ({field})")
        return found

    def team_of(self, person_id: str) -> str | None:
        found = self.person(person_id)
        return found["team"] if found else None

    def chain(self, person_id: str | None) -> list[str]:
        """The person's manager, that manager's manager, ... (nearest first)."""
        chain: list[str] = []
        current = self.person(person_id) if person_id else None
        while current and current.get("manager_id") and len(chain) < CHAIN_MAX:
            manager_id = current["manager_id"]
            if manager_id in chain or manager_id == person_id:
                break
            chain.append(manager_id)
            current = self.person(manager_id)
        return chain

    def chains(self, person_ids: list[str]) -> dict[str, list[str]]:
        self.people(person_ids)
        return {p: self.chain(p) for p in person_ids}

    def members(self, team: str) -> list[dict]:
        """Everyone in the team, by name."""
        found, after = [], None
        while True:
            page = self._career.list_people(first=PAGE, after=after, team=team)
            found += page["items"]
            if not page["has_next"]:
                break
            after = page["end_cursor"]
        self._people.update({p["id"]: p for p in found})
        return found
