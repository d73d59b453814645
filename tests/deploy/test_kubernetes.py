"""k8s/: every overlay rendered by `kubectl kustomize` (kustomize v5) passes kubernetes-validate
(strict) for KUBERNETES_VERSION, and wires each deployable as docs/operations.md describes."""
from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from shared.trust import SIGNERS
from tests.deploy.conftest import (
    CRD_KINDS,
    KUBERNETES_VERSION,
    OVERLAY_NAMESPACE,
    OVERLAYS,
    REPO,
    SERVICES,
    describe,
    discovered_services,
    find,
    kustomize_build,
    of_kind,
    pod_spec,
    res_id,
)

KUBERNETES_VALIDATE = Path(sys.executable).parent / "kubernetes-validate"
LATEST_SCHEMA = kubernetes_validate.utils.latest_version()
DEPLOYABLES = (*SERVICES, "gateway")
RPC_TIMEOUT = 10  # the longest nameko RPC timeout, seconds
# Secrets the prod overlay references but does not contain: created by the operators or out
# of band (docs/operations.md says how).
OPERATOR_SECRETS = {"kaizen-rabbitmq-default-user"} | {f"kaizen-{s}-db-app" for s in SERVICES}
SIGNING_SECRETS = {f"kaizen-signing-{s}" for s in SIGNERS if s != "admin"}
OUT_OF_BAND_SECRETS = {"kaizen-service-keys", "kaizen-gateway-auth",
                       "kaizen-broker-users"} | SIGNING_SECRETS


def is_crd(obj: dict) -> bool:
    return (obj["apiVersion"], obj["kind"]) in CRD_KINDS


def quantity(value: str | int) -> float:
    """Kubernetes quantity -> float (cores or bytes)."""
    units = {"m": 1e-3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "k": 1e3,
             "M": 1e6, "G": 1e9}
    match = re.fullmatch(r"([0-9.]+)([A-Za-z]*)", str(value))
    assert match, f"bad quantity {value!r}"
    return float(match.group(1)) * units.get(match.group(2), 1)


def semantic_problems(obj: dict) -> list[str]:
    """What the OpenAPI schema cannot say: e.g. a container without an image is schema-valid
    (the API server rejects it), and selectors must match the pod template."""
    problems = []
    template = (obj.get("spec") or {}).get("template")
    if obj["kind"] in {"Deployment", "StatefulSet", "Job", "DaemonSet"}:
        for container in template["spec"].get("containers", []):
            if not container.get("image"):
                problems.append(f"container {container.get('name')} has no image")
        selector = (obj["spec"].get("selector") or {}).get("matchLabels") or {}
        labels = template["metadata"].get("labels") or {}
        if any(labels.get(k) != v for k, v in selector.items()):
            problems.append("selector does not match the pod template")
    return problems


# ------------------------------------------------------------------ rendering and schemas

@pytest.mark.parametrize("overlay", OVERLAYS)
def test_overlay_renders_into_its_namespace(rendered, overlay):
    objects = rendered[overlay]
    assert len(objects) > 30
    ids = [res_id(o) for o in objects]
    assert len(ids) == len(set(ids))
    namespace = OVERLAY_NAMESPACE[overlay]
    assert find(objects, "Namespace", namespace)
    for obj in objects:
        if obj["kind"] != "Namespace":
            assert obj["metadata"]["namespace"] == namespace, describe(obj)


@pytest.mark.parametrize("version", [KUBERNETES_VERSION, LATEST_SCHEMA])
@pytest.mark.parametrize("overlay", OVERLAYS)
def test_overlay_passes_kubernetes_validate(rendered, overlay, version):
    skipped = []
    for obj in rendered[overlay]:
        if is_crd(obj):
            with pytest.raises(kubernetes_validate.SchemaNotFoundError):
                kubernetes_validate.validate(obj, version, strict=True)
            skipped.append(obj["kind"])
            continue
        try:
            kubernetes_validate.validate(obj, version, strict=True)
        except kubernetes_validate.ValidationError as exc:
            pytest.fail(f"{describe(obj)} ({version}): {exc.message} at "
                        f"{'/'.join(map(str, exc.path))}")
        assert semantic_problems(obj) == [], describe(obj)
    assert bool(skipped) == (overlay == "prod"), "CRDs only in prod"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_kubernetes_validate_cli_accepts_the_rendered_overlay(overlay, tmp_path):
    out = tmp_path / f"{overlay}.yaml"
    out.write_text(kustomize_build(REPO / "k8s" / "overlays" / overlay))
    result = subprocess.run([str(KUBERNETES_VALIDATE), "-k", KUBERNETES_VERSION, "--strict",
                             "--quiet", str(out)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    # the only complaints allowed are the CRDs it has no schema for
    for line in (result.stdout + result.stderr).splitlines():
        assert "Couldn't find schema for kind" in line, line
        assert "RabbitmqCluster" in line or "postgresql.cnpg.io" in line, line


BROKEN_DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "broken"},
    "spec": {
        "replicas": 2,
        "selector": {"matchLabels": {"app": "broken"}},
        "template": {
            "metadata": {"labels": {"app": "broken"}},
            "spec": {"containers": [{"name": "broken", "image": "kaizen/ideas"}]},
        },
    },
}


def _broken(mutate) -> dict:
    obj = copy.deepcopy(BROKEN_DEPLOYMENT)
    mutate(obj)
    return obj


@pytest.mark.parametrize("mutation", [
    pytest.param(lambda o: o["spec"].update(replicas="two"), id="replicas-not-integer"),
    pytest.param(lambda o: pod_spec(o)["containers"][0].pop("name"), id="container-no-name"),
    pytest.param(lambda o: pod_spec(o)["containers"][0].update(imagePullPolcy="Always"),
                 id="misspelt-field-strict"),
    pytest.param(lambda o: pod_spec(o).update(terminationGracePeriodSeconds="30s"),
                 id="grace-period-string"),
])
def test_validation_rejects_a_broken_manifest(mutation):
    kubernetes_validate.validate(BROKEN_DEPLOYMENT, KUBERNETES_VERSION, strict=True)  # baseline
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(_broken(mutation), KUBERNETES_VERSION, strict=True)


def test_semantic_check_rejects_a_container_without_image():
    obj = _broken(lambda o: pod_spec(o)["containers"][0].pop("image"))
    kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)  # the schema allows it
    assert semantic_problems(obj) == ["container broken has no image"]


def test_kubernetes_validate_cli_fails_on_a_broken_file(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(_broken(lambda o: o["spec"].update(replicas="two"))))
    result = subprocess.run([str(KUBERNETES_VALIDATE), "-k", KUBERNETES_VERSION, "--strict",
                             str(broken)], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "two" in result.stdout + result.stderr


# ------------------------------------------------------------------ custom resources (prod)

def test_prod_rabbitmq_cluster(rendered):
    prod = rendered["prod"]
    clusters = [o for o in prod if o["kind"] == "RabbitmqCluster"]
    assert len(clusters) == 1
    rabbit = clusters[0]
    assert rabbit["apiVersion"] == "rabbitmq.com/v1beta1"
    # its Service and default-user Secret names are what the base's AMQP_URI reads
    assert rabbit["metadata"]["name"] == "kaizen-rabbitmq"
    spec = rabbit["spec"]
    assert isinstance(spec["replicas"], int) and spec["replicas"] >= 3 and spec["replicas"] % 2
    assert quantity(spec["persistence"]["storage"]) >= quantity("10Gi")
    assert spec["image"].startswith("rabbitmq:4")
    for part in ("requests", "limits"):
        assert {"cpu", "memory"} <= set(spec["resources"][part])
    assert "pause_minority" in spec["rabbitmq"]["additionalConfig"]
    pdb = find(prod, "PodDisruptionBudget", "kaizen-rabbitmq")
    assert pdb and pdb["spec"]["maxUnavailable"] == 1


def test_prod_has_one_cloudnativepg_cluster_per_service(rendered):
    prod = rendered["prod"]
    clusters = {o["metadata"]["name"]: o for o in prod
                if (o["apiVersion"], o["kind"]) == ("postgresql.cnpg.io/v1", "Cluster")}
    assert set(clusters) == {f"kaizen-{s}-db" for s in discovered_services()}
    for service in discovered_services():
        spec = clusters[f"kaizen-{service}-db"]["spec"]
        assert isinstance(spec["instances"], int) and spec["instances"] >= 2
        assert quantity(spec["storage"]["size"]) >= quantity("1Gi")
        assert spec["bootstrap"]["initdb"] == {"database": service, "owner": service}
        assert re.search(r":15(\.|$)", spec["imageName"])
        # the label the service's NetworkPolicies select the database pods by
        assert spec["inheritedMetadata"]["labels"] == {f"db.kaizen.io/{service}": "true"}
        assert spec["enableSuperuserAccess"] is False
        for part in ("requests", "limits"):
            assert "memory" in spec["resources"][part]


def test_dev_runs_datastores_as_statefulsets(rendered):
    dev = rendered["dev"]
    assert not [o for o in dev if is_crd(o)]
    rabbit = find(dev, "StatefulSet", "kaizen-rabbitmq")
    postgres = find(dev, "StatefulSet", "postgres")
    assert rabbit and postgres
    assert pod_spec(rabbit)["containers"][0]["image"].startswith("rabbitmq:4")
    assert pod_spec(postgres)["containers"][0]["image"] == "postgres:15"
    for sts in (rabbit, postgres):
        assert sts["spec"]["volumeClaimTemplates"]
        assert find(dev, "Service", sts["spec"]["serviceName"])
    assert find(dev, "Service", "kaizen-rabbitmq")
    labels = postgres["spec"]["template"]["metadata"]["labels"]
    for service in discovered_services():
        assert labels[f"db.kaizen.io/{service}"] == "true"
        alias = find(dev, "Service", f"kaizen-{service}-db-rw")
        assert alias and alias["spec"]["selector"].items() <= labels.items()
    init = find(dev, "ConfigMap", "postgres-init")["data"]["init-databases.sh"]
    assert init == (REPO / "deploy" / "postgres" / "init-databases.sh").read_text()


# ------------------------------------------------------------------ per-deployable wiring

@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_service_has_deployment_service_job_and_network_policy(rendered, overlay):
    objects = rendered[overlay]
    for name in discovered_services():
        deployment = find(objects, "Deployment", name)
        assert deployment, f"{overlay}: no Deployment {name}"
        service = find(objects, "Service", name)
        assert service and service["spec"]["selector"].items() <= (
            deployment["spec"]["template"]["metadata"]["labels"].items())
        job = find(objects, "Job", f"{name}-migrate")
        assert job, f"{overlay}: no migration Job for {name}"
        assert pod_spec(job)["containers"][0]["command"] == ["python", "-m", "shared.migrate",
                                                              name]
        assert pod_spec(job)["containers"][0]["image"] == (
            pod_spec(deployment)["containers"][0]["image"])
        assert pod_spec(job)["restartPolicy"] == "Never"
        assert job["metadata"]["labels"]["kaizen.io/phase"] == "migrate"
        assert deployment["metadata"]["labels"]["kaizen.io/phase"] == "rollout"
        assert find(objects, "NetworkPolicy", name), f"{overlay}: no NetworkPolicy {name}"
        assert find(objects, "NetworkPolicy", f"{name}-db")
        assert find(objects, "PodDisruptionBudget", name)
        container = pod_spec(deployment)["containers"][0]
        assert container["command"] == ["nameko", "run", "--config", "config/nameko.yaml",
                                        f"services.{name}.service"]
        assert {"name": "metrics", "containerPort": 9100} in container["ports"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_service_probes_are_the_pods_own_health_on_its_metrics_port(rendered, overlay):
    paths = {"startupProbe": "/readyz", "readinessProbe": "/readyz", "livenessProbe": "/livez"}
    for name in discovered_services():
        container = pod_spec(find(rendered[overlay], "Deployment", name))["containers"][0]
        for probe, path in paths.items():
            assert container[probe]["httpGet"] == {"path": path, "port": "metrics"}, probe
        # a broker blip must not restart every pod at once
        live = container["livenessProbe"]
        assert live["periodSeconds"] * live["failureThreshold"] >= 60


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_gateway_probes_and_ingress(rendered, overlay):
    objects = rendered[overlay]
    container = pod_spec(find(objects, "Deployment", "gateway"))["containers"][0]
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert container["livenessProbe"]["httpGet"] == {"path": "/livez", "port": "http"}
    assert {"name": "http", "containerPort": 8000} in container["ports"]
    ingresses = of_kind(objects, "Ingress")
    assert len(ingresses) == 1
    backend = ingresses[0]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": "gateway", "port": {"name": "http"}}
    assert find(objects, "Service", "gateway")["spec"]["ports"][0]["targetPort"] == "http"
    host = ingresses[0]["spec"]["rules"][0]["host"]
    if overlay == "prod":
        assert ingresses[0]["spec"]["tls"][0]["hosts"] == [host]
    else:
        assert host.endswith("localtest.me")


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_gateway_metrics_are_on_a_port_the_ingress_does_not_route(rendered, overlay):
    objects = rendered[overlay]
    gateway = find(objects, "Deployment", "gateway")
    container = pod_spec(gateway)["containers"][0]
    assert {"name": "metrics", "containerPort": 9100} in container["ports"]
    assert gateway["spec"]["template"]["metadata"]["annotations"]["prometheus.io/port"] == "9100"
    service_ports = {p["name"]: p for p in find(objects, "Service", "gateway")["spec"]["ports"]}
    assert service_ports["metrics"]["targetPort"] == "metrics"
    routed = {path["backend"]["service"]["port"]["name"]
              for ingress in of_kind(objects, "Ingress") for rule in ingress["spec"]["rules"]
              for path in rule["http"]["paths"]}
    assert routed == {"http"}
    rules = find(objects, "NetworkPolicy", "gateway")["spec"]["ingress"]
    reach = {source["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"]:
             {port["port"] for port in rule["ports"]}
             for rule in rules for source in rule["from"]}
    assert reach == {"ingress-nginx": {8000}, "monitoring": {9100}}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_prod_runs_in_production_mode(rendered, overlay):
    config = find(rendered[overlay], "ConfigMap", "kaizen-config")["data"]
    assert config["KAIZEN_ENV"] == ("production" if overlay == "prod" else "development")
    assert config["KAIZEN_METRICS_PORT"] == "9100"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_graceful_termination_covers_prestop_and_drain(rendered, overlay):
    for name in DEPLOYABLES:
        spec = pod_spec(find(rendered[overlay], "Deployment", name))
        container = spec["containers"][0]
        command = container["lifecycle"]["preStop"]["exec"]["command"]
        assert command[0] == "sleep"
        pre_stop = int(command[1])
        grace = spec["terminationGracePeriodSeconds"]
        assert pre_stop + RPC_TIMEOUT < grace <= 60, (name, pre_stop, grace)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_container_has_requests_and_limits(rendered, overlay):
    for obj in rendered[overlay]:
        if obj["kind"] not in {"Deployment", "StatefulSet", "Job"}:
            continue
        for container in pod_spec(obj)["containers"]:
            resources = container["resources"]
            for part in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(resources[part]), describe(obj)
            for res in ("cpu", "memory"):
                assert quantity(resources["requests"][res]) <= quantity(resources["limits"][res])
    insights = pod_spec(find(rendered[overlay], "Deployment", "insights"))["containers"][0]
    assert quantity(insights["resources"]["limits"]["memory"]) == quantity("1536Mi")
    for name in set(SERVICES) - {"insights"}:
        light = pod_spec(find(rendered[overlay], "Deployment", name))["containers"][0]
        assert quantity(light["resources"]["limits"]["memory"]) < quantity("1Gi")


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_config_and_secrets_come_from_references(rendered, overlay):
    objects = rendered[overlay]
    for name in DEPLOYABLES:
        container = pod_spec(find(objects, "Deployment", name))["containers"][0]
        refs = {(k, v["name"]) for ref in container["envFrom"] for k, v in ref.items()}
        assert ("configMapRef", "kaizen-config") in refs
        assert ("secretRef", "kaizen-service-token") not in refs  # no shared secret
        spec = pod_spec(find(objects, "Deployment", name))
        secrets = {v["secret"]["secretName"] for v in spec["volumes"] if "secret" in v}
        mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
        assert mounts["/etc/kaizen/keys/public"]["readOnly"]
        signs = name in SIGNERS
        assert secrets == {"kaizen-service-keys"} | ({f"kaizen-signing-{name}"} if signs else set())
        assert (f"/etc/kaizen/keys/private/{name}" in mounts) == signs
        assert (("secretRef", "kaizen-gateway-auth") in refs) == (name == "gateway")
        defined: set[str] = set()
        for env in container["env"]:
            assert "value" in env or "valueFrom" in env
            # $(VAR) is expanded only from variables defined earlier in the list
            for ref in re.findall(r"\$\(([A-Z_]+)\)", env.get("value", "")):
                assert ref in defined, f"{name}: {env['name']} uses {ref} before it is set"
            value = env.get("value", "")
            assert not re.search(r"://[^$@/]*:[^$(@/][^@/]*@", value), "inline credentials"
            defined.add(env["name"])
        names = {e["name"] for e in container["env"]}
        assert "AMQP_URI" in names
        if name != "gateway":
            assert f"KAIZEN_{name.upper()}_DB_URL" in names


def _references(objects: list[dict]) -> set[tuple[str, str]]:
    refs = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("configMapRef", "configMapKeyRef") or (
                        key == "configMap" and isinstance(value, dict)):
                    refs.add(("ConfigMap", value["name"]))
                elif key in ("secretRef", "secretKeyRef"):
                    refs.add(("Secret", value["name"]))
                elif key == "secret" and isinstance(value, dict):
                    refs.add(("Secret", value["secretName"]))
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for obj in objects:
        walk(obj.get("spec"))
    return refs


def test_dev_contains_every_referenced_configmap_and_secret(rendered):
    dev = rendered["dev"]
    for kind, name in _references(dev):
        assert find(dev, kind, name), f"dev references missing {kind} {name}"


def test_prod_secrets_are_operator_made_or_documented(rendered):
    prod = rendered["prod"]
    assert not of_kind(prod, "Secret"), "no Secret manifests in prod"
    docs = (REPO / "docs" / "operations.md").read_text()
    for kind, name in _references(prod):
        if kind == "ConfigMap":
            assert find(prod, kind, name)
        else:
            assert name in OPERATOR_SECRETS | OUT_OF_BAND_SECRETS, name
            if name in OUT_OF_BAND_SECRETS:
                assert name in docs, f"docs/operations.md must say how to create {name}"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_autoscaling_for_gateway_and_insights(rendered, overlay):
    objects = rendered[overlay]
    hpas = {h["metadata"]["name"]: h for h in of_kind(objects, "HorizontalPodAutoscaler")}
    assert set(hpas) == {"gateway", "insights"}
    for name, hpa in hpas.items():
        assert hpa["apiVersion"] == "autoscaling/v2"
        target = hpa["spec"]["scaleTargetRef"]
        assert (target["kind"], target["name"]) == ("Deployment", name)
        assert 1 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]
        if overlay == "prod":
            assert hpa["spec"]["minReplicas"] >= 2
            assert "replicas" not in find(objects, "Deployment", name)["spec"], (
                "the HPA owns replicas")


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_disruption_budgets_select_their_pods(rendered, overlay):
    objects = rendered[overlay]
    for name in DEPLOYABLES:
        pdb = find(objects, "PodDisruptionBudget", name)
        labels = find(objects, "Deployment", name)["spec"]["template"]["metadata"]["labels"]
        assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()
        assert pdb["spec"].get("maxUnavailable") == 1


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_kaizen_pods_are_locked_down(rendered, overlay):
    for obj in rendered[overlay]:
        if obj["kind"] not in {"Deployment", "Job"}:
            continue
        spec = pod_spec(obj)
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec["automountServiceAccountToken"] is False
        for container in spec["containers"]:
            sc = container["securityContext"]
            assert sc["allowPrivilegeEscalation"] is False
            assert sc["readOnlyRootFilesystem"] is True
            assert sc["capabilities"]["drop"] == ["ALL"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_images_are_tagged_per_overlay(rendered, overlay):
    for obj in rendered[overlay]:
        if obj["kind"] not in {"Deployment", "StatefulSet", "Job"}:
            continue
        for container in pod_spec(obj)["containers"]:
            image = container["image"]
            assert ":" in image.rsplit("/", 1)[-1] and not image.endswith(":latest"), image
            if image.split(":")[0].endswith(("/gateway", *(f"/{s}" for s in SERVICES))):
                if overlay == "dev":
                    assert image.startswith("kaizen/") and image.endswith(":dev")
                else:
                    assert image.startswith("registry.example.com/kaizen/")


# ------------------------------------------------------------------ network policies

def _selects(selector: dict, labels: dict) -> bool:
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        present, value = expr["key"] in labels, labels.get(expr["key"])
        ok = {"In": present and value in expr.get("values", []),
              "NotIn": not present or value not in expr.get("values", []),
              "Exists": present, "DoesNotExist": not present}[expr["operator"]]
        if not ok:
            return False
    return True


def _pod_labels(objects: list[dict]) -> dict[str, dict]:
    return {f"{o['kind']}/{o['metadata']['name']}": o["spec"]["template"]["metadata"]["labels"]
            for o in objects if o["kind"] in {"Deployment", "StatefulSet", "Job"}}


def _ingress_sources(policies: list[dict], labels: dict) -> list[dict]:
    sources = []
    for policy in policies:
        if not _selects(policy["spec"]["podSelector"], labels):
            continue
        for rule in policy["spec"].get("ingress") or []:
            sources.extend(rule.get("from") or [{"everywhere": True}])
    return sources


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_default_deny_and_only_the_gateway_is_reachable_from_outside(rendered, overlay):
    objects = rendered[overlay]
    policies = of_kind(objects, "NetworkPolicy")
    deny = find(objects, "NetworkPolicy", "default-deny-ingress")
    assert deny["spec"] == {"podSelector": {}, "policyTypes": ["Ingress"]}
    for pod, labels in _pod_labels(objects).items():
        sources = _ingress_sources(policies, labels)
        assert {"everywhere": True} not in sources, f"{pod} accepts traffic from anywhere"
        assert not [s for s in sources if "ipBlock" in s], f"{pod} accepts an ipBlock"
        namespaces = {s["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"]
                      for s in sources if "namespaceSelector" in s}
        if pod == "Deployment/gateway":
            assert "ingress-nginx" in namespaces
        else:
            assert "ingress-nginx" not in namespaces, f"{pod} is reachable from the ingress"
            assert namespaces <= {"monitoring"}, (pod, namespaces)


# Services that talk outside the cluster (SMTP, Slack, Teams, webhooks), never to its
# private ranges; the service also refuses URLs that resolve to private addresses.
EGRESS_OUTSIDE = {"notifications"}
PRIVATE_RANGES = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_services_egress_only_to_broker_own_database_and_dns(rendered, overlay):
    objects = rendered[overlay]
    pods = _pod_labels(objects)
    for name in discovered_services():
        policy = find(objects, "NetworkPolicy", name)
        assert set(policy["spec"]["policyTypes"]) == {"Ingress", "Egress"}
        # it covers the service's pods and its migration Job's pods
        assert _selects(policy["spec"]["podSelector"], pods[f"Deployment/{name}"])
        assert _selects(policy["spec"]["podSelector"], pods[f"Job/{name}-migrate"])
        allowed = set()
        for rule in policy["spec"]["egress"]:
            ports = {(p["protocol"], p["port"]) for p in rule["ports"]}
            for peer in rule["to"]:
                if "ipBlock" in peer:  # notifications alone: mail and chat, outside only
                    assert name in EGRESS_OUTSIDE, name
                    assert set(peer["ipBlock"]["except"]) >= PRIVATE_RANGES
                    assert ports == {("TCP", 443), ("TCP", 587), ("TCP", 465)}
                    allowed.add("outside")
                elif "namespaceSelector" in peer:
                    assert peer["namespaceSelector"]["matchLabels"] == {
                        "kubernetes.io/metadata.name": "kube-system"}
                    assert peer["podSelector"]["matchLabels"] == {"k8s-app": "kube-dns"}
                    assert ports == {("UDP", 53), ("TCP", 53)}
                    allowed.add("dns")
                elif peer["podSelector"]["matchLabels"] == {
                        "app.kubernetes.io/component": "rabbitmq"}:
                    assert ports == {("TCP", 5672)}
                    allowed.add("rabbitmq")
                else:
                    assert peer["podSelector"]["matchLabels"] == {f"db.kaizen.io/{name}": "true"}
                    assert ports == {("TCP", 5432)}
                    allowed.add("database")
        assert allowed == {"dns", "rabbitmq", "database"} | (
            {"outside"} if name in EGRESS_OUTSIDE else set())
        db_policy = find(objects, "NetworkPolicy", f"{name}-db")
        assert db_policy["spec"]["ingress"][0]["from"] == [
            {"podSelector": {"matchLabels": {"app.kubernetes.io/name": name}}}]


def test_database_and_broker_labels_line_up_with_the_policies(rendered):
    dev = rendered["dev"]
    pods = _pod_labels(dev)
    rabbit_selector = find(dev, "NetworkPolicy", "rabbitmq-clients")["spec"]["podSelector"]
    assert _selects(rabbit_selector, pods["StatefulSet/kaizen-rabbitmq"])
    for name in discovered_services():
        db_selector = find(dev, "NetworkPolicy", f"{name}-db")["spec"]["podSelector"]
        assert _selects(db_selector, pods["StatefulSet/postgres"])
        # other services' pods are not let in
        for other in set(SERVICES) - {name}:
            assert not _selects(
                find(dev, "NetworkPolicy", f"{name}-db")["spec"]["ingress"][0]["from"][0][
                    "podSelector"], pods[f"Deployment/{other}"])
    clients = find(dev, "NetworkPolicy", "rabbitmq-clients")["spec"]["ingress"][0]["from"][0]
    for name in DEPLOYABLES:
        assert _selects(clients["podSelector"], pods[f"Deployment/{name}"])


def _pool_per_pod() -> int:
    """SQLAlchemy pool_size + max_overflow of a service process (shared/db.py)."""
    source = (REPO / "shared" / "db.py").read_text()
    size = re.search(r"pool_size=(\d+)", source)
    overflow = re.search(r"max_overflow=(\d+)", source)
    return int(size.group(1) if size else 5) + int(overflow.group(1) if overflow else 10)


def test_prod_database_connections_fit_max_connections(rendered):
    prod = rendered["prod"]
    reserved = 3 + 1 + 2  # superuser_reserved_connections, the migration Job, admin sessions
    for name in discovered_services():
        hpa = find(prod, "HorizontalPodAutoscaler", name)
        deployment = find(prod, "Deployment", name)
        pods = hpa["spec"]["maxReplicas"] if hpa else deployment["spec"]["replicas"]
        surge = deployment["spec"]["strategy"]["rollingUpdate"]["maxSurge"]
        cluster = find(prod, "Cluster", f"kaizen-{name}-db")
        limit = int(cluster["spec"]["postgresql"]["parameters"]["max_connections"])
        needed = (pods + surge) * _pool_per_pod() + reserved
        assert needed <= limit, f"{name}: up to {needed} connections, max_connections {limit}"


def test_rendering_fails_rather_than_skips_without_kubectl(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="kubectl is not installed"):
        kustomize_build(REPO / "k8s" / "overlays" / "dev")


def test_rendering_fails_on_a_kubectl_without_kustomize_v5(monkeypatch, tmp_path):
    fake = tmp_path / "kubectl"
    fake.write_text("#!/bin/sh\necho '{\"clientVersion\": {\"gitVersion\": \"v1.20.0\"}, "
                    "\"kustomizeVersion\": \"v2.0.3\"}'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="kustomize v2.0.3; v5 is required"):
        kustomize_build(REPO / "k8s" / "overlays" / "dev")
