"""The embedded provider's accounts: the demo people (scripts/seeds/org_data.py), each with
the groups its roles map to (`kaizen-reviewers` -> reviewer, ...). Prints them as JSON."""
from __future__ import annotations

import json
import sys

from scripts.seeds import org_data
from shared.settings import OidcSettings


def accounts() -> list[dict]:
    group_of = {role: group for group, role in OidcSettings.from_env().role_groups.items()}
    return [{"sub": f"demo-{p['email'].split('@')[0]}", "email": p["email"], "name": p["name"],
             "team": p["team"], "groups": [group_of[r] for r in p["roles"] if r in group_of]}
            for p in org_data.people()]


if __name__ == "__main__":
    json.dump(accounts(), sys.stdout, indent=1)
