"""The whole ESCO taxonomy (13,939 skills) in the career DB, once per backend: the service
imports it on first start, a second import changes nothing, and autocomplete finds skills
by name prefix, by words and by synonym."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.career.models import Skill
from services.career.service import CareerService
from services.career.skills import import_skills
from shared.db import make_engine
from tests.integration.career.support import SKILLS, call, staff

ESCO_SKILLS = 13939


def test_first_start_imports_all_of_esco_once_and_autocomplete_finds_it(
        start_service, make_db):
    url = make_db("career")
    career = start_service(CareerService, db_url=url)  # empty DB: imports on start
    engine = make_engine(url)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Skill)) == ESCO_SKILLS
        python = session.get(Skill, SKILLS["python"])
        assert python.name.startswith("Python") and "Python" in python.alt_labels.split("\n")
    assert import_skills(engine) == {"inserted": 0, "updated": 0, "total": ESCO_SKILLS}
    engine.dispose()

    ana = staff(career, [{"name": "Ana", "email": "ana@example.org"}])["ana"]

    def first_hit(query):
        return call(career, "search_skills", query, 5, identity=ana)[0]["id"]

    assert first_hit("pyth") == SKILLS["python"]
    assert first_hit("python") == SKILLS["python"]
    assert first_hit("lean manuf") == SKILLS["lean"]
    assert first_hit("6 sigma") == SKILLS["six sigma"]  # a synonym
    names = [h["name"] for h in call(career, "search_skills", "forklift", 10, identity=ana)]
    assert "operate forklift" in names
    assert all("forklift" in n.lower() for n in names[:2])
    profile = call(career, "update_profile", ana.user_id,
                   {"skills": [{"name": "python", "level": 3}]}, identity=ana)
    assert profile["skills"][0]["skill"]["id"] == SKILLS["python"]
