"""The people integration tests act as (their service tokens are made by context_for)."""
from __future__ import annotations

from shared.identity import Identity

ANA = Identity("11111111-1111-1111-1111-111111111111", ("employee",), "Assembly")
BEN = Identity("22222222-2222-2222-2222-222222222222", ("employee", "reviewer"), "Quality")
ADMIN = Identity("33333333-3333-3333-3333-333333333333", ("employee", "admin"), "Office")
CARLA = Identity("44444444-4444-4444-4444-444444444444", ("employee",), "Assembly")
