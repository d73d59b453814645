"""The answer of a people CSV import: counts, and every row's problems by column."""
from __future__ import annotations

import strawberry


@strawberry.type(description="One problem of the file: its line (the header is line 1) and "
                             "column.")
class ImportRowError:
    line: int
    column: str
    message: str


@strawberry.type(description="What an import found, and whether it was written: a dry run "
                             "or a file with any problem writes nothing.")
class PeopleImportReport:
    rows: int
    new: int
    updated: int
    applied: bool
    errors: list[ImportRowError]

    @classmethod
    def from_dto(cls, dto: dict) -> PeopleImportReport:
        return cls(rows=dto["rows"], new=dto["new"], updated=dto["updated"],
                   applied=dto["applied"],
                   errors=[ImportRowError(line=e["row"], column=e["column"],
                                          message=e["message"]) for e in dto["errors"]])
