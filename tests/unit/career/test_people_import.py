"""The people CSV, checked row by row: the header, then every row's problems by column
(line numbers as in the file), with managers found in the file or the directory."""
from __future__ import annotations

import pytest

from services.career.people_import import RowError, as_person, check, parse
from services.career.validation import EMAIL

HEADER = "email,name,team,manager_email,roles\n"


def problems(text: str, known: set[str] = frozenset()) -> list[RowError]:
    rows, errors = parse(text)
    return errors or check(rows, set(known), lambda e: bool(EMAIL.match(e)))


def test_a_clean_file_has_no_problems_and_managers_may_come_later_or_exist():
    text = HEADER + ("eli@x.org,Eli,Ops,dana@x.org,\n"
                     "dana@x.org,Dana,Ops,boss@x.org,manager; reviewer\n")
    assert problems(text, {"boss@x.org"}) == []
    rows, _ = parse(text)
    assert as_person(rows[1])["roles"] == ["employee", "manager", "reviewer"]


def test_a_bom_and_header_case_are_forgiven_and_optional_columns_may_go():
    assert problems("\ufeffEmail,Name\nana@x.org,Ana\n") == []


@pytest.mark.parametrize("header, expected", [
    ("name,team\n", [RowError(1, "email", "the header needs this column")]),
    ("email,name,shoe_size\n", [RowError(1, "shoe_size",
                                         "unknown column; known: email, name, team, "
                                         "manager_email, roles")]),
])
def test_a_bad_header_is_named(header, expected):
    assert problems(header + "a@x.org,A\n") == expected


def test_every_bad_row_is_named_by_line_and_column():
    text = HEADER + ("not-an-email,Ann,,,\n"
                     "bo@x.org,,Ops,nobody@x.org,emperor\n"
                     "BO@x.org,Bo Again,,bo@x.org,\n"
                     "cy@x.org,Cy,,cy@x.org,\n")
    assert [(e.row, e.column) for e in problems(text)] == [
        (2, "email"), (3, "name"), (3, "roles"), (3, "manager_email"), (4, "email"),
        (4, "manager_email"), (5, "manager_email")]
    messages = {(e.row, e.column): e.message for e in problems(text)}
    assert messages[(4, "email")] == "also on line 3"
    assert "emperor" in messages[(3, "roles")]
