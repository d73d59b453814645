"""A service pod's /livez and /readyz (shared.probes), served with its metrics: liveness
needs nothing, readiness names every registered check that fails. The checks here are
stand-ins, except the broker check against a port where nothing listens."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from shared import probes
from shared.metrics import MetricsServer
from tests.support.postgres import free_port


@pytest.fixture
def port(monkeypatch):
    monkeypatch.setattr(probes, "CHECKS", {})
    monkeypatch.setenv("KAIZEN_METRICS_PORT", str(free_port()))
    monkeypatch.setenv("KAIZEN_METRICS_ADDR", "127.0.0.1")
    return MetricsServer().ensure("probe_test")


def get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_livez_answers_whatever_is_down(port):
    probes.register("probe_test.database", lambda: False)
    assert get(port, "/livez") == (200, '{"status": "ok"}')


def test_readyz_is_down_until_a_service_registers_its_checks(port):
    status, body = get(port, "/readyz")
    assert (status, json.loads(body)) == (503, {"status": "down", "down": ["starting"]})


def test_readyz_names_every_failed_check(port):
    def raises():
        raise OSError("connection refused")

    probes.register("probe_test.broker", lambda: True)
    assert json.loads(get(port, "/readyz")[1]) == {"status": "ok"}
    probes.register("probe_test.database", raises)
    probes.register("other.database", lambda: False)
    status, body = get(port, "/readyz")
    assert status == 503
    assert json.loads(body) == {"status": "down",
                                "down": ["other.database", "probe_test.database"]}
    probes.unregister("probe_test.database")
    probes.unregister("other.database")
    assert get(port, "/readyz")[0] == 200


def test_the_same_port_still_serves_the_metrics(port):
    status, body = get(port, "/metrics")
    assert status == 200 and "kaizen_service_entrypoint_seconds" in body


def test_an_unreachable_broker_fails_the_broker_check(port):
    dead = f"amqp://guest:guest@127.0.0.1:{free_port()}/"
    probes.register("probe_test.broker", lambda: probes.broker_reachable(dead, timeout=1))
    status, body = get(port, "/readyz")
    assert (status, json.loads(body)["down"]) == (503, ["probe_test.broker"])
