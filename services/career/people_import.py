"""A people CSV (email, name, team, manager_email, roles) checked row by row: every row's
problems by column, so an admin fixes the file in one go; nothing is written unless the
whole file is clean. Rows are numbered as the file's lines (the header is line 1)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from shared.identity import ROLES

COLUMNS = ("email", "name", "team", "manager_email", "roles")
REQUIRED = ("email", "name")
MAX_ROWS = 20_000


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


def parse(text: str) -> tuple[list[dict], list[RowError]]:
    """The rows as {column: value} (values stripped), or the header's problems."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [(h or "").strip().casefold() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h not in COLUMNS]
    problems = [RowError(1, c, "the header needs this column") for c in missing]
    problems += [RowError(1, h or "(empty)", f"unknown column; known: {', '.join(COLUMNS)}")
                 for h in unknown]
    if problems:
        return [], problems
    reader.fieldnames = header
    rows = [{k: (v or "").strip() for k, v in row.items() if k in COLUMNS} for row in reader]
    if len(rows) > MAX_ROWS:
        return [], [RowError(1, "file", f"at most {MAX_ROWS} people in one file")]
    return rows, []


def roles_of(raw: str) -> list[str]:
    """"reviewer; manager" or "reviewer manager" -> ["reviewer", "manager"]."""
    return [r for r in raw.replace(";", " ").replace(",", " ").split() if r]


def check(rows: list[dict], known_emails: set[str], email_ok) -> list[RowError]:
    """Every problem of every row; `known_emails` are the directory's, `email_ok` tells a
    well-formed address."""
    errors: list[RowError] = []
    emails = [r.get("email", "").casefold() for r in rows]
    seen: dict[str, int] = {}
    for line, (row, email) in enumerate(zip(rows, emails, strict=True), start=2):
        name = " ".join(row.get("name", "").split())
        if not email_ok(email):
            errors.append(RowError(line, "email", "must be an e-mail address"))
        elif email in seen:
            errors.append(RowError(line, "email", f"also on line {seen[email]}"))
        seen.setdefault(email, line)
        if not 1 <= len(name) <= 120:
            errors.append(RowError(line, "name", "must be 1 to 120 characters"))
        if len(row.get("team", "")) > 80:
            errors.append(RowError(line, "team", "at most 80 characters"))
        bad = [r for r in roles_of(row.get("roles", "")) if r not in ROLES]
        if bad:
            errors.append(RowError(line, "roles", f"unknown {', '.join(bad)}; each one of "
                                                  f"{', '.join(ROLES)}"))
        manager = row.get("manager_email", "").casefold()
        if manager and manager == email:
            errors.append(RowError(line, "manager_email", "a person is not their own manager"))
        elif manager and manager not in seen and manager not in emails \
                and manager not in known_emails:
            errors.append(RowError(line, "manager_email",
                                   "nobody in the file or the directory has this e-mail"))
    return errors


def as_person(row: dict) -> dict:
    """A clean row as career's validate_person takes it."""
    return {"email": row["email"], "name": row["name"], "team": row.get("team") or None,
            "manager_email": row.get("manager_email") or None,
            "roles": ["employee", *[r for r in roles_of(row.get("roles", ""))
                                    if r != "employee"]]}
