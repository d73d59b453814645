"""The deactivation rules: who may deactivate or reactivate a person, and which of their
applications are open (withdrawn with the deactivation), over every status written out."""
from __future__ import annotations

import pytest

from services.career import domain
from shared.errors import PermissionDenied
from shared.identity import Identity

ADMIN = Identity("a", ("employee", "admin"), None)
MANAGER = Identity("m", ("employee", "manager"), None)
EMPLOYEE = Identity("e", ("employee",), None)


def test_only_an_admin_may_change_activation():
    domain.check_may_change_activation(ADMIN)
    for who in (MANAGER, EMPLOYEE):
        with pytest.raises(PermissionDenied, match="only an admin"):
            domain.check_may_change_activation(who)


# (application status, opportunity status) -> open?
OPEN_APPLICATIONS = {
    ("PENDING", "OPEN"): True, ("PENDING", "CLOSED"): True,
    ("ACCEPTED", "OPEN"): True, ("ACCEPTED", "CLOSED"): False,
    ("DECLINED", "OPEN"): False, ("DECLINED", "CLOSED"): False,
    ("WITHDRAWN", "OPEN"): False, ("WITHDRAWN", "CLOSED"): False,
}


@pytest.mark.parametrize(("case", "expected"), OPEN_APPLICATIONS.items())
def test_open_applications_are_pending_ones_and_places_on_open_opportunities(case, expected):
    assert domain.is_open_application(*case) is expected


def test_the_table_covers_every_status():
    assert set(OPEN_APPLICATIONS) == {(a, o) for a in domain.ApplicationStatus
                                      for o in domain.Status}
