"""Shared fixtures for the deployment tests: no Docker, broker or network needed."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
# Every nameko service; each must have an image, a compose service, and Kubernetes objects.
SERVICES = ("ideas", "career", "experiments", "reflections", "insights")
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


def load_kustomize():
    spec = importlib.util.spec_from_file_location("kaizen_kustomize",
                                                  REPO / "deploy" / "kustomize.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def kustomize():
    return load_kustomize()


@pytest.fixture(scope="session")
def rendered(kustomize) -> dict[str, list[dict]]:
    """Each overlay rendered by deploy/kustomize.py."""
    return {name: kustomize.render(REPO / "k8s" / "overlays" / name) for name in OVERLAYS}


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
