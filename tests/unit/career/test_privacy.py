"""Who reads the private half of a profile and a skill gap, as a matrix: the person, their
own manager and admins; not a colleague, and not a manager of someone else."""
from __future__ import annotations

import pytest

from shared.errors import PermissionDenied
from shared.identity import Identity

ADMIN = Identity("admin-1", ("employee", "admin"), "HQ")
OTHER_MANAGER = Identity("mgr-elsewhere", ("employee", "manager"), "Assembly")
PRIVATE = {"interests": ["forklifts"], "aspirations": "Lead the warehouse team",
           "available_hours_per_week": 4}


@pytest.fixture
def pia_profile(career, staff):
    career.call("update_profile", staff["pia"].user_id, PRIVATE, identity=staff["pia"])
    return staff["pia"].user_id


def readers(staff) -> dict[str, tuple[Identity, bool]]:
    """Who asks about Pia (managed by Olga), and whether they may see the private half."""
    return {"pia herself": (staff["pia"], True), "olga, her manager": (staff["olga"], True),
            "an admin": (ADMIN, True), "raj, a colleague": (staff["raj"], False),
            "another manager": (OTHER_MANAGER, False)}


def test_aspirations_interests_and_hours_are_read_by_the_person_manager_and_admins(
        career, staff, pia_profile):
    for who, (identity, sees) in readers(staff).items():
        [profile] = career.call("get_profiles", [pia_profile], identity=identity)
        private = {k: profile[k] for k in PRIVATE}
        expected = PRIVATE if sees else {"interests": [], "aspirations": "",
                                         "available_hours_per_week": None}
        assert private == expected, who
        assert profile["person_id"] == pia_profile  # the public half stays


def test_a_skill_gap_is_read_by_the_person_their_manager_and_admins(career, staff,
                                                                     pia_profile):
    posted = career.call("post_opportunity", {
        "kind": "GIG", "title": "Stocktake weekend", "capacity": 1,
        "skills": [{"name": "Counting things", "level": 2}]}, identity=staff["olga"])
    for who, (identity, sees) in readers(staff).items():
        if sees:
            gap = career.call("skill_gap", posted["id"], pia_profile, identity=identity)
            assert gap["employee_id"] == pia_profile, who
        else:
            with pytest.raises(PermissionDenied):
                career.call("skill_gap", posted["id"], pia_profile, identity=identity)
