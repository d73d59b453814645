"""The skills taxonomy in the career DB: ESCO import, free text resolved to skills (custom
ones created when nothing matches), and autocomplete from an in-memory index.

Import: ``python -m services.career.skills import [DB_URL]`` (idempotent). The service also
imports on start when the table holds no ESCO skill (config CAREER_SKILLS_AUTO_IMPORT).
"""
from __future__ import annotations

import logging
import sys
import threading
import time
import uuid
from collections.abc import Iterable

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from services.career.esco_cache import esco_skills
from services.career.models import Skill
from services.career.taxonomy import EscoSkill, SkillMatcher, SkillSearch, normalise
from shared.clock import now

log = logging.getLogger(__name__)
BATCH = 1000
CUSTOM_PREFIX = "custom:"


def _row(skill: EscoSkill) -> dict:
    return {"id": skill.id, "name": skill.name[:255], "key": normalise(skill.name)[:255],
            "uri": skill.uri, "alt_labels": "\n".join(skill.alt_labels),
            "description": skill.description, "custom": False}


def import_skills(engine: Engine, skills: Iterable[EscoSkill] | None = None) -> dict:
    """Inserts new ESCO skills and refreshes changed ones; None imports the whole set."""
    rows = [_row(s) for s in (esco_skills() if skills is None else skills)]
    with Session(engine) as session, session.begin():
        known = dict(session.execute(
            select(Skill.id, Skill.name + "|" + Skill.alt_labels).where(~Skill.custom)).all())
        new = [r for r in rows if r["id"] not in known]
        changed = [r for r in rows
                   if r["id"] in known and known[r["id"]] != f"{r['name']}|{r['alt_labels']}"]
        stamp = now()
        for start in range(0, len(new), BATCH):
            session.execute(insert(Skill), [{**r, "created_at": stamp}
                                            for r in new[start:start + BATCH]])
        for row in changed:
            session.execute(update(Skill).where(Skill.id == row["id"]).values(**row))
    return {"inserted": len(new), "updated": len(changed), "total": len(known) + len(new)}


def esco_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Skill).where(~Skill.custom)) or 0


class SkillIndex:
    """Matcher and ranked search over the ESCO skills held in the DB, built once."""

    def __init__(self, skills: list[EscoSkill]):
        self.size = len(skills)
        self.matcher = SkillMatcher(skills)
        self.search = SkillSearch(skills)

    @classmethod
    def from_db(cls, session: Session) -> SkillIndex:
        rows = session.execute(select(Skill.uri, Skill.id, Skill.name, Skill.alt_labels)
                               .where(~Skill.custom)).all()
        return cls([EscoSkill(uri or id_, name, tuple(filter(None, alts.split("\n"))), "")
                    for uri, id_, name, alts in rows])


class SkillCatalog:
    """One index per service process; rebuilt when the DB holds a different number of ESCO
    skills (checked at most every few seconds, so a keystroke costs no query for it)."""

    RECHECK_SECONDS = 5.0  # how stale the index may be after an import elsewhere

    def __init__(self) -> None:
        self._index: SkillIndex | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def index(self, session: Session) -> SkillIndex:
        if self._index is not None and time.monotonic() - self._checked < self.RECHECK_SECONDS:
            return self._index
        count = esco_count(session)
        if self._index is None or self._index.size != count:
            with self._lock:
                if self._index is None or self._index.size != count:
                    self._index = SkillIndex.from_db(session)
        self._checked = time.monotonic()
        return self._index

    def search(self, session: Session, query: str, first: int) -> list[dict]:
        """ESCO hits in the taxonomy's order; custom skills slotted in by the same tiers
        (name starts with the query, then a word of the name does, then a synonym)."""
        key = normalise(query)
        hits = [{"id": id_, "name": name, "custom": False}
                for id_, name, _ in self.index(session).search.search(query, first)]
        hits += _custom_hits(session, key, first)
        tiers = [_tier(h["name"], key) + (0.5 if h["custom"] else 0) for h in hits]
        ranked = sorted(range(len(hits)), key=lambda i: (tiers[i], i))
        return [hits[i] for i in ranked[:first]]

    def matches(self, session: Session, names: list[str], first: int = 5) -> list[dict]:
        """Per name: the ESCO skill it names exactly (label or synonym), else None (it would
        be kept as a custom skill) and the closest ESCO skills to offer instead."""
        index = self.index(session)
        answers = []
        for name in names:
            hit = index.matcher.match(name)
            close = [] if hit else index.search.close(name, first)
            answers.append({"name": name, "skill": _esco(hit.id, hit.name) if hit else None,
                            "close": [_esco(i, n) for i, n in close]})
        return answers

    def resolve(self, session: Session, names: list[str]) -> list[Skill]:
        """Skill rows for free-text names, in order: ESCO by name or synonym, else the
        custom skill of that name, created when new."""
        matcher = self.index(session).matcher
        found = []
        for name in names:
            hit = matcher.match(name)
            found.append(session.get(Skill, hit.id) if hit else _custom(session, name))
        return found

    def lookup(self, session: Session, names: list[str]) -> list[str]:
        """Ids of the skills these names denote, skipping names that denote none."""
        matcher = self.index(session).matcher
        ids = []
        for name in names:
            hit = matcher.match(name)
            skill_id = hit.id if hit else session.scalar(
                select(Skill.id).where(Skill.key == normalise(name), Skill.custom))
            if skill_id and skill_id not in ids:
                ids.append(skill_id)
        return ids


def _esco(skill_id: str, name: str) -> dict:
    return {"id": skill_id, "name": name, "custom": False}


def _tier(name: str, key: str) -> int:
    norm = normalise(name)
    if norm.startswith(key):
        return 0
    return 1 if all(f" {w}" in f" {norm}" for w in key.split()) else 2


def _custom_hits(session: Session, key: str, first: int) -> list[dict]:
    key = key.replace("%", "").replace("_", "")
    if not key:
        return []
    rows = session.scalars(select(Skill).where(
        Skill.custom, or_(Skill.key.like(f"{key}%"), Skill.key.like(f"% {key}%")))
        .order_by(func.length(Skill.key), Skill.key).limit(first)).all()
    return [{"id": s.id, "name": s.name, "custom": True} for s in rows]


def _custom(session: Session, name: str) -> Skill:
    key = normalise(name)[:255]
    skill = session.scalar(select(Skill).where(Skill.key == key, Skill.custom))
    if skill is None:
        skill = Skill(id=f"{CUSTOM_PREFIX}{uuid.uuid4()}", name=" ".join(name.split())[:255],
                      key=key, uri=None, alt_labels="", description="", custom=True,
                      created_at=now())
        session.add(skill)
        session.flush()
    return skill


def main(argv: list[str]) -> int:
    from shared.db import make_engine
    from shared.settings import db_url

    if len(argv) < 2 or argv[1] != "import":
        print("usage: python -m services.career.skills import [DB_URL]", file=sys.stderr)
        return 2
    engine = make_engine(argv[2] if len(argv) > 2 else db_url("career"))
    result = import_skills(engine)
    engine.dispose()
    print(f"skills: {result['inserted']} imported, {result['updated']} updated, "
          f"{result['total']} ESCO skills in the catalogue")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
