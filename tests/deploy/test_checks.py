"""scripts/checks.sh, the static checks `make test` runs first: a failing check fails the run,
shows its output, and counts as a failed test in `kaizen total`."""
from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.deploy.conftest import REPO


def fake_repo(tmp_path: Path, ruff_exit: int) -> Path:
    """A checkout with checks.sh, a stand-in ruff and no portal."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "checks.sh", tmp_path / "scripts" / "checks.sh")
    ruff = tmp_path / ".venv" / "bin" / "ruff"
    ruff.parent.mkdir(parents=True)
    ruff.write_text(f"#!/bin/sh\necho 'x.py:1:1: F401 [*] `os` imported but unused <&>'\n"
                    f"exit {ruff_exit}\n")
    ruff.chmod(0o755)
    return tmp_path


def run_checks(repo: Path) -> tuple[subprocess.CompletedProcess, ET.Element]:
    reports = repo / "reports"
    reports.mkdir()
    result = subprocess.run(["bash", str(repo / "scripts" / "checks.sh"), str(reports)],
                            capture_output=True, text=True, timeout=60)
    return result, ET.parse(reports / "check-ruff.xml").getroot()


def test_a_failing_check_fails_and_is_reported(tmp_path):
    result, report = run_checks(fake_repo(tmp_path, ruff_exit=1))
    assert result.returncode == 1
    assert "check ruff: FAILED" in result.stdout and "checks FAILED: ruff" in result.stdout
    assert "F401" in result.stdout  # the tool's own output, shown
    suite = report.find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("1", "1")
    assert "F401" in suite.find("testcase/failure").text


def test_a_passing_check_counts_as_a_passed_test(tmp_path):
    result, report = run_checks(fake_repo(tmp_path, ruff_exit=0))
    assert result.returncode == 0, result.stdout
    assert "check ruff: ok" in result.stdout
    suite = report.find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")
    assert suite.find("testcase/failure") is None


def test_make_test_runs_the_checks_and_keeps_the_total():
    test_sh = (REPO / "scripts" / "test.sh").read_text()
    assert 'scripts/checks.sh "$REPORTS" || status=$?' in test_sh
    assert "kaizen total: {passed} passed, {failed} failed, {totals['skipped']} skipped" in test_sh
    checks = (REPO / "scripts" / "checks.sh").read_text()
    for command in (".venv/bin/ruff check .", "run --silent typecheck", "run --silent lint"):
        assert command in checks
