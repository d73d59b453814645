"""The alerting rules (deploy/prometheus/kaizen-alerts.yaml) are well formed and name only
metrics the code exports, so an alert cannot silently watch a metric that does not exist."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
RULES = REPO / "deploy" / "prometheus" / "kaizen-alerts.yaml"
FUNCTIONS = {"increase", "rate", "sum", "by", "max", "min", "avg", "time", "without",
             "histogram_quantile", "max_over_time", "on", "absent"}


def rules() -> list[dict]:
    return [r for g in yaml.safe_load(RULES.read_text())["groups"] for r in g["rules"]]


def exported_metrics() -> set[str]:
    names = set()
    for path in [*(REPO / "shared").rglob("*.py"), *(REPO / "gateway").rglob("*.py")]:
        for kind, name in re.findall(r'(Counter|Gauge|Histogram)\(\s*"([a-z_]+)"',
                                     path.read_text()):
            names |= {name} | ({f"{name}_bucket", f"{name}_count", f"{name}_sum"}
                               if kind == "Histogram" else set())
    return names


def test_every_rule_has_a_name_severity_and_an_operator_facing_text():
    found = rules()
    assert found
    for rule in found:
        assert re.fullmatch(r"Kaizen[A-Za-z]+", rule["alert"]), rule
        assert rule["labels"]["severity"] in {"warning", "critical"}, rule["alert"]
        assert rule["annotations"]["summary"] and rule["annotations"]["description"]


def test_every_rule_watches_an_exported_metric():
    exported = exported_metrics()
    for rule in rules():
        expr = re.sub(r"\{[^}]*\}|\[[^\]]*\]|\"[^\"]*\"|\b(by|without)\s*\([^)]*\)", "",
                      rule["expr"])
        words = set(re.findall(r"[a-z_][a-z0-9_]*", expr)) - FUNCTIONS
        assert words and words <= exported, (rule["alert"], words - exported)
