#!/usr/bin/env python3
"""A small, pure-Python kustomize renderer for Kaizen's k8s/ tree.

    python deploy/kustomize.py k8s/overlays/prod > kaizen.yaml

It implements the subset of kustomize (v5 semantics) that k8s/ uses, and refuses any other
kustomization field rather than silently rendering something different:

* ``resources``: YAML files (multi-document) and directories holding a kustomization.yaml,
  built recursively; duplicate kind/namespace/name is an error.
* ``namespace``: set on every namespaced object (cluster-scoped kinds are left alone).
* ``labels`` (pairs, includeSelectors, includeTemplates) and ``commonLabels``;
  ``commonAnnotations``.
* ``images``: name -> newName / newTag / digest, on (init)containers at any depth.
* ``replicas``: name -> count.
* ``patches`` (``path`` or inline ``patch``, optional ``target``), and the older
  ``patchesStrategicMerge`` / ``patchesJson6902``. A patch document that is a list is a
  JSON6902 patch (add, remove, replace, move, copy, test); a mapping is a strategic-merge
  patch: maps merge, ``null`` deletes, ``$patch: delete|replace`` directives, and lists of
  built-in types merge on their Kubernetes merge key (containers/env/volumes by name,
  volumeMounts by mountPath, ports by containerPort/port, ...); other lists are replaced.
* ``configMapGenerator`` / ``secretGenerator`` (literals, files, envs) with kustomize's
  content-hash suffix, and references to them rewritten in pod specs (envFrom, env
  valueFrom, volumes, projected volumes).

Output is a multi-document YAML stream in kustomize's "legacy" order (Namespaces, ...,
ConfigMaps, Secrets, Services, ..., Deployments, StatefulSets, ..., then by group/version/kind
and name), so it can be diffed against ``kubectl kustomize``.
"""
from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")

SUPPORTED_FIELDS = {
    "apiVersion", "kind", "metadata", "resources", "namespace", "labels", "commonLabels",
    "commonAnnotations", "images", "replicas", "patches", "patchesStrategicMerge",
    "patchesJson6902", "configMapGenerator", "secretGenerator", "generatorOptions",
}

CLUSTER_SCOPED = {
    "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
    "StorageClass", "PersistentVolume", "PriorityClass", "IngressClass", "RuntimeClass",
    "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "APIService",
    "CSIDriver", "CSINode", "VolumeAttachment", "Node", "PodSecurityPolicy",
    "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration",
}

# kustomize's legacy resource order (api/resid/gvk.go).
ORDER_FIRST = [
    "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition",
    "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding",
    "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange",
    "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment",
    "StatefulSet", "CronJob", "PodDisruptionBudget",
]
ORDER_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]

# API groups whose lists merge on a key in strategic-merge patches; for any other group
# (custom resources) kustomize has no schema and lists are replaced whole.
BUILTIN_GROUPS = {
    "", "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "rbac.authorization.k8s.io",
    "storage.k8s.io", "scheduling.k8s.io", "node.k8s.io", "discovery.k8s.io",
    "coordination.k8s.io", "admissionregistration.k8s.io", "certificates.k8s.io",
}
# field name -> merge key(s), tried in order (the first key present in the items wins).
MERGE_KEYS: dict[str, tuple[str, ...]] = {
    "containers": ("name",),
    "initContainers": ("name",),
    "ephemeralContainers": ("name",),
    "env": ("name",),
    "volumes": ("name",),
    "volumeMounts": ("mountPath",),
    "volumeDevices": ("devicePath",),
    "ports": ("containerPort", "port"),
    "imagePullSecrets": ("name",),
    "hostAliases": ("ip",),
    "topologySpreadConstraints": ("topologyKey",),
    "resourceClaims": ("name",),
}

# kustomize's fieldSpecs (api/internal/konfig/builtinpluginconsts), reduced to the kinds
# that matter here. (path, kinds or None for any kind, create-if-missing)
TEMPLATE_LABEL_PATHS: list[tuple[str, set[str] | None, bool]] = [
    ("spec/template/metadata/labels",
     {"Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "ReplicationController"},
     True),
    ("spec/volumeClaimTemplates[]/metadata/labels", {"StatefulSet"}, True),
    ("spec/jobTemplate/metadata/labels", {"CronJob"}, True),
    ("spec/jobTemplate/spec/template/metadata/labels", {"CronJob"}, True),
]
SELECTOR_LABEL_PATHS: list[tuple[str, set[str] | None, bool]] = [
    ("spec/selector", {"Service", "ReplicationController"}, True),
    ("spec/selector/matchLabels",
     {"Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "PodDisruptionBudget"}, True),
    ("spec/jobTemplate/spec/selector/matchLabels", {"CronJob"}, False),
    ("spec/podSelector/matchLabels", {"NetworkPolicy"}, False),
    ("spec/ingress[]/from[]/podSelector/matchLabels", {"NetworkPolicy"}, False),
    ("spec/egress[]/to[]/podSelector/matchLabels", {"NetworkPolicy"}, False),
]
TEMPLATE_ANNOTATION_PATHS: list[tuple[str, set[str] | None, bool]] = [
    ("spec/template/metadata/annotations",
     {"Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "ReplicationController"},
     True),
    ("spec/jobTemplate/metadata/annotations", {"CronJob"}, True),
    ("spec/jobTemplate/spec/template/metadata/annotations", {"CronJob"}, True),
]


class KustomizeError(Exception):
    pass


# ---------------------------------------------------------------- resource identity / order

def group_version(obj: dict) -> tuple[str, str]:
    api = obj.get("apiVersion", "")
    if "/" in api:
        group, version = api.split("/", 1)
        return group, version
    return "", api


def res_id(obj: dict) -> tuple[str, str, str, str]:
    meta = obj.get("metadata") or {}
    group, _ = group_version(obj)
    return (group, obj.get("kind", ""), meta.get("namespace") or "", meta.get("name", ""))


def describe(obj: dict) -> str:
    group, kind, ns, name = res_id(obj)
    return f"{kind}.{group or 'core'}/{ns + '/' if ns else ''}{name}"


def _gvk_string(obj: dict) -> str:
    group, version = group_version(obj)
    return "_".join([group or "~G", version or "~V", obj.get("kind") or "~K"])


def _type_order(kind: str) -> int:
    if kind in ORDER_FIRST:
        return ORDER_FIRST.index(kind) - len(ORDER_FIRST)
    if kind in ORDER_LAST:
        return ORDER_LAST.index(kind) + 1
    return 0


def legacy_sort_key(obj: dict) -> tuple:
    meta = obj.get("metadata") or {}
    return (_type_order(obj.get("kind", "")), _gvk_string(obj),
            meta.get("namespace") or "", meta.get("name", ""))


# ---------------------------------------------------------------- field-spec helpers

def _apply_at_path(obj: Any, parts: list[str], fn, create: bool) -> None:
    """Call fn(mapping) on the mapping at parts (``x[]`` walks every item of list x)."""
    if not parts:
        fn(obj)
        return
    head, rest = parts[0], parts[1:]
    if not isinstance(obj, dict):
        return
    if head.endswith("[]"):
        items = obj.get(head[:-2])
        if isinstance(items, list):
            for item in items:
                _apply_at_path(item, rest, fn, create)
        return
    if head not in obj or obj[head] is None:
        if not create:
            return
        obj[head] = {}
    _apply_at_path(obj[head], rest, fn, create)


def _apply_field_specs(obj: dict, specs, fn) -> None:
    kind = obj.get("kind")
    for path, kinds, create in specs:
        if kinds is None or kind in kinds:
            _apply_at_path(obj, path.split("/"), fn, create)


def _merge_into(values: dict[str, str]):
    def fn(mapping: dict) -> None:
        mapping.update(values)
    return fn


# ---------------------------------------------------------------- strategic merge patch

def _merge_key(field: str, group: str, items: list, patch_items: list) -> str | None:
    """The merge key of list ``field`` of a built-in type, or None to replace the list."""
    if group not in BUILTIN_GROUPS or field not in MERGE_KEYS:
        return None
    if not all(isinstance(i, dict) for i in items + patch_items):
        return None
    for key in MERGE_KEYS[field]:
        if all(key in i for i in items + patch_items):
            return key
    return None


def strategic_merge(base: Any, patch: Any, group: str, field: str = "") -> Any:
    if isinstance(patch, dict) and isinstance(base, dict):
        directive = patch.get("$patch")
        if directive == "replace":
            return {k: copy.deepcopy(v) for k, v in patch.items() if k != "$patch"}
        if directive not in (None, "merge"):
            raise KustomizeError(f"unsupported strategic-merge directive $patch: {directive}")
        out = dict(base)
        for key, value in patch.items():
            if key == "$patch":
                continue
            if key.startswith("$"):
                raise KustomizeError(f"unsupported strategic-merge directive {key}")
            if value is None:
                out.pop(key, None)
            elif isinstance(value, dict) and value.get("$patch") == "delete":
                out.pop(key, None)
            elif key in out:
                out[key] = strategic_merge(out[key], value, group, key)
            else:
                out[key] = _strip_directives(value)
        return out
    if isinstance(patch, list) and isinstance(base, list):
        key = _merge_key(field, group, base, patch)
        if key is None:
            return _strip_directives(patch)
        # like kustomize: the patch's items first (merged with their originals, in patch
        # order), then the originals the patch does not mention, in their order
        patched_keys = {item.get(key) for item in patch}
        out = []
        for item in patch:
            if item.get("$patch") == "delete":
                continue
            original = next((cur for cur in base if cur.get(key) == item.get(key)), None)
            out.append(_strip_directives(item) if original is None
                       else strategic_merge(original, item, group, ""))
        out.extend(copy.deepcopy(cur) for cur in base if cur.get(key) not in patched_keys)
        return out
    return _strip_directives(patch)


def _strip_directives(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_directives(v) for k, v in value.items()
                if k != "$patch" and v is not None}
    if isinstance(value, list):
        return [_strip_directives(v) for v in value
                if not (isinstance(v, dict) and v.get("$patch") == "delete")]
    return copy.deepcopy(value)


# ---------------------------------------------------------------- JSON6902

def _pointer(path: str) -> list[str]:
    if path == "":
        return []
    if not path.startswith("/"):
        raise KustomizeError(f"JSON pointer must start with '/': {path!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _walk(doc: Any, parts: list[str], path: str) -> Any:
    for part in parts:
        if isinstance(doc, dict) and part in doc:
            doc = doc[part]
        elif isinstance(doc, list) and part.isdigit() and int(part) < len(doc):
            doc = doc[int(part)]
        else:
            raise KustomizeError(f"JSON6902 path not found: {path}")
    return doc


def json6902(doc: Any, ops: list[dict]) -> Any:
    doc = copy.deepcopy(doc)
    for op in ops:
        if not isinstance(op, dict) or "op" not in op or "path" not in op:
            raise KustomizeError(f"invalid JSON6902 operation: {op!r}")
        kind, path = op["op"], op["path"]
        parts = _pointer(path)
        if kind in ("add", "replace", "test") and "value" not in op:
            raise KustomizeError(f"JSON6902 {kind} needs a value: {path}")
        if kind in ("move", "copy"):
            value = copy.deepcopy(_walk(doc, _pointer(op["from"]), op["from"]))
            if kind == "move":
                doc = _remove(doc, _pointer(op["from"]), op["from"])
            doc = _add(doc, parts, value, path)
        elif kind == "add":
            doc = _add(doc, parts, copy.deepcopy(op["value"]), path)
        elif kind == "remove":
            doc = _remove(doc, parts, path)
        elif kind == "replace":
            _walk(doc, parts, path)  # must exist
            doc = _remove(doc, parts, path)
            doc = _add(doc, parts, copy.deepcopy(op["value"]), path)
        elif kind == "test":
            if _walk(doc, parts, path) != op["value"]:
                raise KustomizeError(f"JSON6902 test failed at {path}")
        else:
            raise KustomizeError(f"unsupported JSON6902 op {kind!r}")
    return doc


def _add(doc: Any, parts: list[str], value: Any, path: str) -> Any:
    if not parts:
        return value
    parent = _walk(doc, parts[:-1], path)
    last = parts[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        if last == "-":
            parent.append(value)
        elif last.isdigit() and int(last) <= len(parent):
            parent.insert(int(last), value)
        else:
            raise KustomizeError(f"JSON6902 bad list index: {path}")
    else:
        raise KustomizeError(f"JSON6902 path not found: {path}")
    return doc


def _remove(doc: Any, parts: list[str], path: str) -> Any:
    if not parts:
        raise KustomizeError("JSON6902 cannot remove the whole document")
    parent = _walk(doc, parts[:-1], path)
    last = parts[-1]
    if isinstance(parent, dict) and last in parent:
        del parent[last]
    elif isinstance(parent, list) and last.isdigit() and int(last) < len(parent):
        del parent[int(last)]
    else:
        raise KustomizeError(f"JSON6902 path not found: {path}")
    return doc


# ---------------------------------------------------------------- patch targets

def _label_selector_matches(selector: str, labels: dict) -> bool:
    for term in filter(None, (t.strip() for t in selector.split(","))):
        if "!=" in term:
            key, value = term.split("!=", 1)
            if labels.get(key.strip()) == value.strip():
                return False
        elif "=" in term:
            key, value = term.split("=", 1)
            if labels.get(key.strip().rstrip("=")) != value.strip().lstrip("="):
                return False
        elif term.startswith("!"):
            if term[1:] in labels:
                return False
        elif term not in labels:
            return False
    return True


def target_matches(target: dict, obj: dict) -> bool:
    group, version = group_version(obj)
    meta = obj.get("metadata") or {}
    unknown = set(target) - {"group", "version", "kind", "name", "namespace",
                             "labelSelector", "annotationSelector"}
    if unknown:
        raise KustomizeError(f"unsupported patch target fields: {sorted(unknown)}")

    def regex(field: str, actual: str) -> bool:
        return field not in target or re.fullmatch(target[field], actual or "") is not None

    return (regex("group", group) and regex("version", version) and regex("kind", obj.get("kind"))
            and regex("name", meta.get("name", "")) and regex("namespace", meta.get("namespace"))
            and _label_selector_matches(target.get("labelSelector", ""), meta.get("labels") or {})
            and _label_selector_matches(target.get("annotationSelector", ""),
                                        meta.get("annotations") or {}))


# ---------------------------------------------------------------- generators

def _kv_from_env_file(path: Path) -> dict[str, str]:
    data = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise KustomizeError(f"{path}: line without '=': {line!r}")
        data[key.strip()] = value
    return data


def _generator_data(gen: dict, root: Path) -> dict[str, str]:
    data: dict[str, str] = {}
    for literal in gen.get("literals", []):
        key, sep, value = literal.partition("=")
        if not sep:
            raise KustomizeError(f"generator literal without '=': {literal!r}")
        data[key] = value
    for entry in gen.get("files", []):
        key, sep, rel = entry.partition("=")
        rel = rel if sep else key
        key = key if sep else Path(rel).name
        data[key] = _safe_path(root, rel).read_text()
    for env in gen.get("envs", []) + ([gen["env"]] if "env" in gen else []):
        data.update(_kv_from_env_file(_safe_path(root, env)))
    return data


def _content_hash(obj: dict) -> str:
    """kustomize's name suffix: sha256 of a canonical JSON encoding, 10 chars re-encoded."""
    # kustomize v5 hashes the generated object before it is named: "name" is empty.
    if obj["kind"] == "ConfigMap":
        encoded = {"kind": "ConfigMap", "name": "", "data": obj.get("data", {})}
        if obj.get("binaryData"):
            encoded["binaryData"] = obj["binaryData"]
    else:
        encoded = {"kind": "Secret", "type": obj.get("type", "Opaque"), "name": "",
                   "data": obj.get("data", {})}
    # Go's json.Marshal: sorted keys, compact, UTF-8, HTML characters escaped
    text = json.dumps(encoded, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    digest = hashlib.sha256(text.encode()).hexdigest()
    enc = []
    for ch in digest[:10]:  # kustomize maps hex digits to avoid vowels/look-alikes
        enc.append({"0": "g", "1": "h", "3": "k", "a": "m", "e": "t"}.get(ch, ch))
    return "".join(enc)


def generate(kust: dict, root: Path) -> tuple[list[dict], dict[tuple[str, str], str]]:
    """Objects from configMapGenerator/secretGenerator and the name map for references."""
    options = kust.get("generatorOptions") or {}
    objects, renames = [], {}
    for field, kind in (("configMapGenerator", "ConfigMap"), ("secretGenerator", "Secret")):
        for gen in kust.get(field, []) or []:
            if gen.get("behavior", "create") != "create":
                raise KustomizeError(f"{field}: only behavior 'create' is supported")
            name = gen["name"]
            data = _generator_data(gen, root)
            obj: dict[str, Any] = {"apiVersion": "v1", "kind": kind, "metadata": {"name": name}}
            if kind == "Secret":
                obj["type"] = gen.get("type", "Opaque")
                obj["data"] = {k: base64.b64encode(v.encode()).decode() for k, v in data.items()}
            else:
                obj["data"] = data
            labels = {**(options.get("labels") or {}), **((gen.get("options") or {}).get("labels")
                                                           or {})}
            annotations = {**(options.get("annotations") or {}),
                           **((gen.get("options") or {}).get("annotations") or {})}
            if labels:
                obj["metadata"]["labels"] = labels
            if annotations:
                obj["metadata"]["annotations"] = annotations
            disable = (gen.get("options") or {}).get(
                "disableNameSuffixHash", options.get("disableNameSuffixHash", False))
            if not disable:
                hashed = f"{name}-{_content_hash(obj)}"
                obj["metadata"]["name"] = hashed
                renames[(kind, name)] = hashed
            objects.append(obj)
    return objects, renames


def _rename_references(obj: dict, renames: dict[tuple[str, str], str]) -> None:
    if not renames:
        return

    def pod_spec_walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "configMapRef" or key == "configMapKeyRef" or key == "configMap":
                    _rename(value, "ConfigMap")
                elif key in ("secretRef", "secretKeyRef"):
                    _rename(value, "Secret")
                elif key == "secret":  # a volume (secretName) or a projected source (name)
                    _rename(value, "Secret", "secretName")
                    _rename(value, "Secret", "name")
                pod_spec_walk(value)
        elif isinstance(node, list):
            for item in node:
                pod_spec_walk(item)

    def _rename(ref: Any, kind: str, field: str = "name") -> None:
        if isinstance(ref, dict) and (kind, ref.get(field)) in renames:
            ref[field] = renames[(kind, ref[field])]

    pod_spec_walk(obj.get("spec"))


# ---------------------------------------------------------------- images

def _split_image(image: str) -> tuple[str, str]:
    """'repo/name:tag@sha256:x' -> ('repo/name', ':tag@sha256:x')."""
    if "@" in image:
        name, digest = image.split("@", 1)
        base, tag = _split_image(name)
        return base, f"{tag}@{digest}"
    slash = image.rfind("/")
    colon = image.rfind(":")
    if colon > slash:
        return image[:colon], image[colon:]
    return image, ""


def _set_images(node: Any, images: list[dict]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("containers", "initContainers", "ephemeralContainers") and isinstance(
                    value, list):
                for container in value:
                    if isinstance(container, dict) and isinstance(container.get("image"), str):
                        container["image"] = _new_image(container["image"], images)
            _set_images(value, images)
    elif isinstance(node, list):
        for item in node:
            _set_images(item, images)


def _new_image(image: str, images: list[dict]) -> str:
    name, suffix = _split_image(image)
    for rule in images:
        if rule.get("name") != name:
            continue
        new_name = rule.get("newName", name)
        if "digest" in rule:
            return f"{new_name}@{rule['digest']}"
        if "newTag" in rule:
            return f"{new_name}:{rule['newTag']}"
        return f"{new_name}{suffix}"
    return image


# ---------------------------------------------------------------- building

def _safe_path(root: Path, rel: str) -> Path:
    if re.match(r"^[a-z]+://", rel) or rel.startswith(("github.com/", "git@")):
        raise KustomizeError(f"remote resources are not supported: {rel}")
    return (root / rel).resolve()


def load_yaml_documents(path: Path) -> list[dict]:
    docs = []
    for doc in yaml.safe_load_all(path.read_text()):
        if doc is None:
            continue
        if not isinstance(doc, dict) or "kind" not in doc:
            raise KustomizeError(f"{path}: not a Kubernetes object: {str(doc)[:80]!r}")
        if doc["kind"].endswith("List") and "items" in doc:
            docs.extend(doc["items"])
        else:
            docs.append(doc)
    return docs


def find_kustomization(directory: Path) -> Path:
    for name in KUSTOMIZATION_FILES:
        if (directory / name).is_file():
            return directory / name
    raise KustomizeError(f"no kustomization file in {directory}")


def _patch_docs(entry: dict, root: Path) -> list[Any]:
    if "path" in entry:
        text = _safe_path(root, entry["path"]).read_text()
    elif "patch" in entry:
        text = entry["patch"]
    else:
        raise KustomizeError(f"patch needs 'path' or 'patch': {entry!r}")
    parsed = [d for d in yaml.safe_load_all(text) if d is not None]
    if len(parsed) == 1 and isinstance(parsed[0], list):
        return [parsed[0]]
    return parsed


def _apply_patch(resources: list[dict], patch: Any, target: dict | None, origin: str) -> None:
    if isinstance(patch, list):
        if target is None:
            raise KustomizeError(f"{origin}: a JSON6902 patch needs a target")
        matched = [i for i, r in enumerate(resources) if target_matches(target, r)]
        if not matched:
            raise KustomizeError(f"{origin}: no resource matches target {target}")
        for i in matched:
            resources[i] = json6902(resources[i], patch)
        return
    if not isinstance(patch, dict):
        raise KustomizeError(f"{origin}: patch must be a mapping or a list")
    if target is not None:
        matched = [i for i, r in enumerate(resources) if target_matches(target, r)]
    else:
        meta = patch.get("metadata") or {}
        group, _ = group_version(patch)
        matched = [
            i for i, r in enumerate(resources)
            if r.get("kind") == patch.get("kind")
            and (r.get("metadata") or {}).get("name") == meta.get("name")
            and ("apiVersion" not in patch or group_version(r)[0] == group)
            and (not meta.get("namespace")
                 or (r.get("metadata") or {}).get("namespace") == meta["namespace"])
        ]
        if len(matched) > 1:
            raise KustomizeError(f"{origin}: patch matches {len(matched)} resources")
    if not matched:
        raise KustomizeError(f"{origin}: no resource matches the patch "
                             f"({patch.get('kind')}/{(patch.get('metadata') or {}).get('name')})")
    for i in matched:
        body = copy.deepcopy(patch)
        if target is not None:
            # the target picks the objects: the patch's own identity fields do not apply
            body.pop("apiVersion", None)
            body.pop("kind", None)
            meta = body.get("metadata")
            if isinstance(meta, dict):
                meta.pop("name", None)
                meta.pop("namespace", None)
                if not meta:
                    body.pop("metadata")
        if body.get("$patch") == "delete":
            resources[i] = None  # type: ignore[call-overload]
            continue
        resources[i] = strategic_merge(resources[i], body, group_version(resources[i])[0])
    resources[:] = [r for r in resources if r is not None]


def build(directory: Path | str, _stack: tuple[Path, ...] = ()) -> list[dict]:
    directory = Path(directory).resolve()
    if directory in _stack:
        raise KustomizeError(f"cycle through {directory}")
    kfile = find_kustomization(directory)
    kust = yaml.safe_load(kfile.read_text()) or {}
    unknown = set(kust) - SUPPORTED_FIELDS
    if unknown:
        raise KustomizeError(f"{kfile}: unsupported kustomization fields: {sorted(unknown)}")

    resources: list[dict] = []
    for entry in kust.get("resources", []) or []:
        path = _safe_path(directory, entry)
        if path.is_dir():
            resources.extend(build(path, _stack + (directory,)))
        elif path.is_file():
            resources.extend(load_yaml_documents(path))
        else:
            raise KustomizeError(f"{kfile}: resource not found: {entry}")

    generated, renames = generate(kust, directory)
    resources.extend(generated)
    _check_unique(resources, kfile)

    # transformer order of kustomize: patches, namespace, labels, annotations, replicas, images
    for entry in kust.get("patchesStrategicMerge", []) or []:
        source = {"path": entry} if not str(entry).lstrip().startswith(("apiVersion", "kind")) \
            else {"patch": entry}
        for doc in _patch_docs(source, directory):
            _apply_patch(resources, doc, None, f"{kfile}: patchesStrategicMerge")
    for entry in kust.get("patches", []) or []:
        for doc in _patch_docs(entry, directory):
            _apply_patch(resources, doc, entry.get("target"), f"{kfile}: patch {entry}")
    for entry in kust.get("patchesJson6902", []) or []:
        for doc in _patch_docs(entry, directory):
            if not isinstance(doc, list):
                raise KustomizeError(f"{kfile}: patchesJson6902 entry is not a list of ops")
            _apply_patch(resources, doc, entry.get("target"), f"{kfile}: patchesJson6902")

    for obj in resources:
        _rename_references(obj, renames)

    namespace = kust.get("namespace")
    if namespace:
        for obj in resources:
            if obj.get("kind") in ("RoleBinding", "ClusterRoleBinding") and obj.get("subjects"):
                raise KustomizeError(f"{kfile}: namespace on (Cluster)RoleBinding subjects is "
                                     "not supported")
            if obj.get("kind") not in CLUSTER_SCOPED:
                obj.setdefault("metadata", {})["namespace"] = namespace

    common = kust.get("commonLabels") or {}
    label_sets = [(common, True, True)] if common else []
    for entry in kust.get("labels", []) or []:
        label_sets.append((entry.get("pairs") or {}, bool(entry.get("includeSelectors")),
                           bool(entry.get("includeTemplates")) or bool(
                               entry.get("includeSelectors"))))
    for pairs, selectors, templates in label_sets:
        pairs = {str(k): str(v) for k, v in pairs.items()}
        for obj in resources:
            obj.setdefault("metadata", {}).setdefault("labels", {}).update(pairs)
            if templates:
                _apply_field_specs(obj, TEMPLATE_LABEL_PATHS, _merge_into(pairs))
            if selectors:
                _apply_field_specs(obj, SELECTOR_LABEL_PATHS, _merge_into(pairs))

    annotations = {str(k): str(v) for k, v in (kust.get("commonAnnotations") or {}).items()}
    if annotations:
        for obj in resources:
            obj.setdefault("metadata", {}).setdefault("annotations", {}).update(annotations)
            _apply_field_specs(obj, TEMPLATE_ANNOTATION_PATHS, _merge_into(annotations))

    for rule in kust.get("replicas", []) or []:
        hits = [o for o in resources if (o.get("metadata") or {}).get("name") == rule["name"]
                and o.get("kind") in {"Deployment", "StatefulSet", "ReplicaSet",
                                      "ReplicationController"}]
        if not hits:
            raise KustomizeError(f"{kfile}: replicas: no workload named {rule['name']}")
        for obj in hits:
            obj.setdefault("spec", {})["replicas"] = int(rule["count"])

    images = kust.get("images") or []
    if images:
        for obj in resources:
            _set_images(obj, images)

    _check_unique(resources, kfile)
    return resources


def _check_unique(resources: Iterable[dict], origin: Path) -> None:
    seen: set[tuple] = set()
    for obj in resources:
        rid = res_id(obj)
        if rid in seen:
            raise KustomizeError(f"{origin}: duplicate resource {describe(obj)}")
        seen.add(rid)


def render(directory: Path | str) -> list[dict]:
    """Build the kustomization in directory; objects in kustomize's legacy output order."""
    return sorted(build(directory), key=legacy_sort_key)


def dump(objects: list[dict]) -> str:
    return "---\n".join(yaml.safe_dump(o, sort_keys=False, default_flow_style=False, width=100)
                        for o in objects)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", help="directory holding a kustomization.yaml")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    args = parser.parse_args(argv)
    try:
        text = dump(render(args.directory))
    except (KustomizeError, OSError, yaml.YAMLError) as exc:
        print(f"kustomize.py: {exc}", file=sys.stderr)
        return 1
    if args.output:
        Path(args.output).write_text(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
