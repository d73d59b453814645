"""Changes to the directory: the admins' CSV import, deactivating and reactivating people."""
from __future__ import annotations

from typing import Annotated

import strawberry

from gateway.auth import IsSignedIn
from gateway.context import Info
from gateway.errors import NotFoundError, Refused, ValidationError
from gateway.people.imports import PeopleImportReport
from gateway.people.types import Person

ImportPeopleResult = Annotated[PeopleImportReport | ValidationError | Refused,
                               strawberry.union("ImportPeopleResult")]
DeactivatePersonResult = Annotated[Person | NotFoundError | Refused,
                                   strawberry.union("DeactivatePersonResult")]
ReactivatePersonResult = Annotated[Person | NotFoundError | Refused,
                                   strawberry.union("ReactivatePersonResult")]


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

    @strawberry.mutation(description="Admins: the person can no longer sign in nor use "
                                     "their API tokens, and leaves matching, "
                                     "recommendations, mentor lists and others' directory; "
                                     "their open applications and pending mentoring "
                                     "requests are withdrawn. Nothing of theirs is deleted. "
                                     "Deactivating twice changes nothing.",
                         permission_classes=[IsSignedIn])
    async def deactivate_person(self, info: Info, id: strawberry.ID) -> DeactivatePersonResult:
        return await info.context.result("career", "deactivate_person", str(id),
                                         to=Person.from_dto)

    @strawberry.mutation(description="Admins: the person signs in and is listed again "
                                     "(withdrawn applications stay withdrawn).",
                         permission_classes=[IsSignedIn])
    async def reactivate_person(self, info: Info, id: strawberry.ID) -> ReactivatePersonResult:
        return await info.context.result("career", "reactivate_person", str(id),
                                         to=Person.from_dto)
