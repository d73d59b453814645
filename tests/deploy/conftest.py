"""Shared fixtures for the deployment tests: no Docker, broker or network needed."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
# Every nameko service; each must have an image, a compose service, and Kubernetes objects.
SERVICES = ("ideas", "career", "experiments", "reflections", "insights", "notifications", "growth")
OVERLAYS = ("dev", "prod")
OVERLAY_NAMESPACE = {"dev": "kaizen-dev", "prod": "kaizen"}
# The Kubernetes version the rendered overlays are validated against (docs/operations.md).
KUBERNETES_VERSION = "1.31.0"
# Custom resources: no schema in kubernetes-validate, checked field by field instead.
CRD_KINDS = {("rabbitmq.com/v1beta1", "RabbitmqCluster"), ("postgresql.cnpg.io/v1", "Cluster")}


def discovered_services() -> set[str]:
    """Services present in services/ (a package with a service.py), plus the known five."""
    found = {p.parent.name for p in (REPO / "services").glob("*/service.py")}
    return found | set(SERVICES)


def kubectl() -> str:
    """kubectl with kustomize v5 built in (docs/operations.md requires it): a test fails, rather
    than skips, when it is missing."""
    path = shutil.which("kubectl")
    if path is None:
        pytest.fail("kubectl is not installed: the manifest tests render with `kubectl kustomize`")
    version = json.loads(subprocess.run([path, "version", "--client", "-o", "json"],
                                        capture_output=True, text=True, check=True,
                                        timeout=60).stdout)
    kustomize = version.get("kustomizeVersion", "")
    if not kustomize.startswith("v5."):
        pytest.fail(f"kubectl {version['clientVersion']['gitVersion']} has kustomize "
                    f"{kustomize or 'none'}; v5 is required")
    return path


def kustomize_build(directory: Path) -> str:
    """`kubectl kustomize DIRECTORY`: the multi-document YAML it prints."""
    result = subprocess.run([kubectl(), "kustomize", str(directory)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, f"kubectl kustomize {directory}: {result.stderr}"
    return result.stdout


@pytest.fixture(scope="session")
def rendered() -> dict[str, list[dict]]:
    """Each overlay rendered by `kubectl kustomize`."""
    return {name: [doc for doc in yaml.safe_load_all(kustomize_build(REPO / "k8s" / "overlays"
                                                                     / name)) if doc]
            for name in OVERLAYS}


def res_id(obj: dict) -> tuple[str, str, str, str]:
    """What makes a rendered object unique: group, kind, namespace, name."""
    group = obj["apiVersion"].rpartition("/")[0]
    meta = obj["metadata"]
    return group, obj["kind"], meta.get("namespace", ""), meta["name"]


def describe(obj: dict) -> str:
    return f"{obj['kind']}/{obj['metadata']['name']}"


@pytest.fixture(scope="session")
def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def find(objects: list[dict], kind: str, name: str) -> dict | None:
    for obj in objects:
        if obj["kind"] == kind and obj["metadata"]["name"] == name:
            return obj
    return None


def of_kind(objects: list[dict], kind: str) -> list[dict]:
    return [o for o in objects if o["kind"] == kind]


def pod_spec(obj: dict) -> dict:
    return obj["spec"]["template"]["spec"]
