"""Parses a pasted or uploaded CSV of measurements: `at,value[,note]` per row for a MEASURE
or COUNT metric, `at,numerator,denominator[,note]` for a PROPORTION or RATE; an optional
header row, blank lines ignored. Every bad row is reported (its line number, the column and
why), and a batch with any bad row is refused whole."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from services.experiments import validation
from services.experiments.domain import RATIOS, MetricKind
from services.experiments.validation import Reading
from shared.errors import FieldErrors, ValidationError

MAX_CHARS = 200_000
MAX_ROWS = 2000
COLUMNS = ("at", "value", "note")
RATIO_COLUMNS = ("at", "numerator", "denominator", "note")


def columns_of(kind: str) -> tuple[str, ...]:
    return RATIO_COLUMNS if kind in RATIOS else COLUMNS


def _shape(kind: str) -> str:
    names = columns_of(kind)
    return ",".join(names[:-1]) + f"[,{names[-1]}]"


@dataclass(frozen=True)
class Row(Reading):
    """A reading and the line of the file it is on."""

    line: int = 0


def parse(text: object, now: datetime, kind: str = MetricKind.MEASURE) -> list[Row]:
    """The rows in file order, each time once; raises ValidationError whose errors carry
    `row` (the line number) for row problems, or name `csv` for the batch as a whole."""
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(f"has no rows: paste lines of {_shape(kind)}", field="csv")
    if len(text) > MAX_CHARS:
        raise ValidationError(f"at most {MAX_CHARS} characters per import", field="csv")
    rows, problems = [], []
    for line, cells in _records(text):
        row, row_problems = _row(line, cells, now, kind)
        problems += row_problems
        if row:
            rows.append(row)
    if len(rows) + len(problems) > MAX_ROWS:
        raise ValidationError(f"at most {MAX_ROWS} rows per import", field="csv")
    problems += _conflicting_times(rows)
    if problems:
        raise ValidationError(sorted(problems, key=lambda p: p["row"]))
    if not rows:
        raise ValidationError(f"has no rows: paste lines of {_shape(kind)}", field="csv")
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


def _row(line: int, cells: list[str], now: datetime,
         kind: str) -> tuple[Row | None, list[dict]]:
    names = columns_of(kind)
    if not len(names) - 1 <= len(cells) <= len(names):
        return None, [{"row": line, "field": "columns",
                       "message": f"expected {_shape(kind)}; found {len(cells)} columns"}]
    errors = FieldErrors()
    at = validation.moment(cells[0].strip(), "at", errors, now)
    numbers = {name: _number(cell.strip(), name, errors)
               for name, cell in zip(names[1:-1], cells[1:len(names) - 1], strict=True)}
    note_cell = cells[len(names) - 1] if len(cells) == len(names) else None
    note = validation.text(note_cell, "note", errors, limit=validation.NOTE_MAX) or None
    if not errors.errors:
        value, top, bottom = validation.point_values(
            kind, numbers.get("value"), numbers.get("numerator"), numbers.get("denominator"),
            errors)
    problems = [{"row": line, **e} for e in errors.errors]
    if problems:
        return None, problems
    return Row(value=value, at=at, note=note, numerator=top, denominator=bottom,
               line=line), []


def _number(cell: str, name: str, errors: FieldErrors) -> float | None:
    try:
        value = float(cell)
    except ValueError:
        errors.add(name, f"'{cell[:40]}' is not a number" if cell else "is required")
        return None
    return validation.number(value, name, errors)


def _conflicting_times(rows: list[Row]) -> list[dict]:
    seen: dict[datetime, Row] = {}
    problems = []
    for row in rows:
        first = seen.setdefault(row.at, row)
        if first is not row and (first.value, first.numerator, first.denominator,
                                 first.note) != (row.value, row.numerator, row.denominator,
                                                 row.note):
            problems.append({"row": row.line, "field": "at", "message":
                             f"the same time as row {first.line} with another value or note"})
    return problems


def _unique(rows: list[Row]) -> list[Row]:
    """A row repeated with the same time, value and note counts once."""
    first: dict[datetime, Row] = {}
    for row in rows:
        first.setdefault(row.at, row)
    return list(first.values())
