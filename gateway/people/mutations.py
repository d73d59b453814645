"""Changes to the directory: the admins' CSV import."""
from __future__ import annotations

from typing import Annotated

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.errors import Refused, ValidationError
from gateway.people.imports import PeopleImportReport

ImportPeopleResult = Annotated[PeopleImportReport | ValidationError | Refused,
                               strawberry.union("ImportPeopleResult")]


@strawberry.type
class PeopleMutation:
    @strawberry.mutation(description="Admins: a people CSV (email, name, team, "
                                     "manager_email, roles). A dry run only reports; "
                                     "otherwise the file is applied whole, or not at all "
                                     "when any row has a problem.",
                         permission_classes=[IsSignedIn])
    async def import_people(self, info: Info, csv: str, dry_run: bool = True
                            ) -> ImportPeopleResult:
        return await info.context.result("career", "import_people_csv", csv, dry_run,
                                         to=PeopleImportReport.from_dto)
