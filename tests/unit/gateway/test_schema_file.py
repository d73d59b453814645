"""The committed SDL must match the code: `make schema` regenerates it."""
from __future__ import annotations

from gateway.export_schema import sdl
from shared.settings import ROOT


def test_committed_schema_matches_the_code():
    committed = (ROOT / "gateway" / "schema.graphql").read_text()
    assert committed == sdl(), "gateway/schema.graphql is stale: run `make schema`"
