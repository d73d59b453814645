"""The house shape of a service (docs: STYLE.md, "One shape for a service"), checked for the
services that have it: `nameko run services.<name>.service` finds exactly one service, whose
service.py only composes mixins from `entrypoints/` named *Entrypoints that call no other
mixin's helpers, and no entrypoint module queries the database itself (store.py does)."""
from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest
from nameko.cli.run import import_service

from shared import basics

SERVICES = ("career", "experiments", "growth", "ideas", "insights", "notifications",
            "reflections")
ROOT = Path(__file__).resolve().parents[2] / "services"


@pytest.mark.parametrize("name", SERVICES)
def test_nameko_run_finds_exactly_the_one_service(name):
    [service] = import_service(f"services.{name}.service")
    assert service.name == name


@pytest.mark.parametrize("name", SERVICES)
def test_service_py_composes_entrypoint_mixins_in_under_40_lines(name):
    module = importlib.import_module(f"services.{name}.service")
    [service] = import_service(module.__name__)
    mixins = [c for c in service.__bases__ if c is not basics.ServiceBasics]
    assert mixins and all(c.__name__.endswith("Entrypoints") for c in mixins)
    assert {c.__module__.rsplit(".", 1)[0] for c in mixins} == {f"services.{name}.entrypoints"}
    assert [n for n, v in vars(service).items() if inspect.isfunction(v)] == []
    assert len(Path(module.__file__).read_text().splitlines()) < 40


@pytest.mark.parametrize("name", SERVICES)
def test_a_mixin_calls_only_its_own_helpers(name):
    """Helpers two mixins share are plain functions in a module both import, never a
    `self._helper` that only another mixin defines (mixins composed of mixins included)."""
    [service] = import_service(f"services.{name}.service")
    for mixin in (c for c in service.__mro__ if c.__name__.endswith("Entrypoints")):
        source = inspect.getsource(mixin)
        for helper in set(re.findall(r"self\.(_\w+)", source)):
            assert helper in vars(mixin), f"{mixin.__name__} calls {helper} it does not define"


@pytest.mark.parametrize("name", SERVICES)
def test_no_entrypoint_module_queries_or_writes_the_session_itself(name):
    """Entrypoints hand the session to store.py (and dto.py); they may roll it back."""
    for path in (ROOT / name / "entrypoints").glob("*.py"):
        text = path.read_text()
        assert "select(" not in text, path
        assert re.findall(r"session\.(?!rollback\()\w+\(", text) == [], path
