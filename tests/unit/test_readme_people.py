"""The README's demo-people table is how newcomers sign in: it must list the seeded people."""
from __future__ import annotations

import re

from scripts.seeds.org_data import DOMAIN, PEOPLE
from shared.settings import ROOT


def test_readme_lists_every_seeded_person_with_their_roles():
    rows = re.findall(r"^\| (\S+@\S+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$",
                      (ROOT / "README.md").read_text(), flags=re.M)
    listed = {email: (name.strip(), roles.strip(), team.strip())
              for email, name, roles, team in rows}
    seeded = {f"{local}@{DOMAIN}": (name, ", ".join(roles), team)
              for name, local, _title, team, roles, _manager in PEOPLE}
    assert listed == seeded
