"""Parses a pasted or uploaded CSV of measurements: `at,value[,note]` per row, an optional
header row, blank lines ignored. Every bad row is reported (its line number, the column and
why), and a batch with any bad row is refused whole."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from services.experiments import validation
from services.experiments.validation import Reading
from shared.errors import FieldErrors, ValidationError

MAX_CHARS = 200_000
MAX_ROWS = 2000
COLUMNS = ("at", "value", "note")


@dataclass(frozen=True)
class Row(Reading):
    """A reading and the line of the file it is on."""

    line: int


def parse(text: object, now: datetime) -> list[Row]:
    """The rows in file order, each time once; raises ValidationError whose errors carry
    `row` (the line number) for row problems, or name `csv` for the batch as a whole."""
    if not isinstance(text, str) or not text.strip():
        raise ValidationError("has no rows: paste lines of at,value[,note]", field="csv")
    if len(text) > MAX_CHARS:
        raise ValidationError(f"at most {MAX_CHARS} characters per import", field="csv")
    rows, problems = [], []
    for line, cells in _records(text):
        row, row_problems = _row(line, cells, now)
        problems += row_problems
        if row:
            rows.append(row)
    if len(rows) + len(problems) > MAX_ROWS:
        raise ValidationError(f"at most {MAX_ROWS} rows per import", field="csv")
    problems += _conflicting_times(rows)
    if problems:
        raise ValidationError(sorted(problems, key=lambda p: p["row"]))
    if not rows:
        raise ValidationError("has no rows: paste lines of at,value[,note]", field="csv")
    return _unique(rows)


def _records(text: str):
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), skipinitialspace=True)
    first = True
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if first and cells[0].strip().lower() == "at":
                first = False
                continue  # the header
            first = False
            yield reader.line_num, cells
    except csv.Error as exc:
        raise ValidationError([{"row": reader.line_num + 1, "field": "csv",
                                "message": f"is not valid CSV: {exc}"}]) from None


def _row(line: int, cells: list[str], now: datetime) -> tuple[Row | None, list[dict]]:
    if not 2 <= len(cells) <= 3:
        return None, [{"row": line, "field": "columns",
                       "message": f"expected at,value[,note]; found {len(cells)} columns"}]
    errors = FieldErrors()
    at = validation.moment(cells[0].strip(), "at", errors, now)
    value = _value(cells[1].strip(), errors)
    note = validation.text(cells[2] if len(cells) == 3 else None, "note", errors,
                           limit=validation.NOTE_MAX) or None
    problems = [{"row": line, **e} for e in errors.errors]
    return (None if problems else Row(value=value, at=at, note=note, line=line)), problems


def _value(cell: str, errors: FieldErrors) -> float | None:
    try:
        value = float(cell)
    except ValueError:
        errors.add("value", f"'{cell[:40]}' is not a number" if cell else "is required")
        return None
    return validation.number(value, "value", errors)


def _conflicting_times(rows: list[Row]) -> list[dict]:
    seen: dict[datetime, Row] = {}
    problems = []
    for row in rows:
        first = seen.setdefault(row.at, row)
        if first is not row and (first.value, first.note) != (row.value, row.note):
            problems.append({"row": row.line, "field": "at", "message":
                             f"the same time as row {first.line} with another value or note"})
    return problems


def _unique(rows: list[Row]) -> list[Row]:
    """A row repeated with the same time, value and note counts once."""
    first: dict[datetime, Row] = {}
    for row in rows:
        first.setdefault(row.at, row)
    return list(first.values())
