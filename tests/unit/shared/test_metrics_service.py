"""ServiceMetrics: every entrypoint timed and counted by kind and outcome; one metrics port."""
from __future__ import annotations

import socket
import urllib.request

import pytest
from nameko.containers import ServiceContainer, WorkerContext
from nameko.events import event_handler
from nameko.rpc import rpc
from nameko.testing.utils import get_extension
from nameko.timer import timer
from prometheus_client import REGISTRY

from shared import logs, metrics
from shared.errors import NotFound
from shared.metrics import MetricsServer, ServiceMetrics


class Probe:
    name = "unit_probe"
    metrics = ServiceMetrics()

    @rpc
    def read(self):
        return "ok"

    @event_handler("ideas", "idea_submitted")
    def on_idea(self, message):
        raise RuntimeError("handler bug")

    @timer(interval=60)
    def tick(self):
        pass


def sample(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def run(method: str, exc: BaseException | None = None, data: dict | None = None) -> None:
    container = ServiceContainer(Probe, {"AMQP_URI": "memory://"})
    provider = get_extension(container, ServiceMetrics)
    entrypoint = next(e for e in container.entrypoints if e.method_name == method)
    ctx = WorkerContext(container, Probe(), entrypoint, data=data)
    provider.worker_setup(ctx)
    exc_info = (type(exc), exc, None) if exc else None
    provider.worker_result(ctx, None if exc else "ok", exc_info)
    provider.worker_teardown(ctx)


@pytest.mark.parametrize("method, kind, exc, outcome", [
    ("read", "rpc", None, "ok"),
    ("read", "rpc", NotFound("no such idea"), "rejected"),
    ("on_idea", "event", RuntimeError("handler bug"), "failed"),
    ("tick", "timer", None, "ok"),
])
def test_each_call_is_timed_and_counted_by_kind_and_outcome(method, kind, exc, outcome):
    labels = {"service": "unit_probe", "method": method, "entrypoint": kind}
    calls_before = sample("kaizen_service_entrypoint_calls_total", **labels, outcome=outcome)
    timed_before = sample("kaizen_service_entrypoint_seconds_count", **labels)
    run(method, exc)
    assert sample("kaizen_service_entrypoint_calls_total", **labels,
                  outcome=outcome) == calls_before + 1
    assert sample("kaizen_service_entrypoint_seconds_count", **labels) == timed_before + 1


def test_the_call_is_bound_for_logs_only_while_the_worker_runs():
    container = ServiceContainer(Probe, {"AMQP_URI": "memory://"})
    provider = get_extension(container, ServiceMetrics)
    entrypoint = next(e for e in container.entrypoints if e.method_name == "read")
    ctx = WorkerContext(container, Probe(), entrypoint, data={"call_id_stack": ["gateway.r1"]})
    provider.worker_setup(ctx)
    assert logs.CURRENT_CALL.get()["call_id_stack"] == ["gateway.r1", ctx.call_id]
    provider.worker_teardown(ctx)
    assert logs.current_call_id() is None


def test_encode_batch_sizes_are_observed():
    count, total = (sample("kaizen_insights_encode_batch_size_count"),
                    sample("kaizen_insights_encode_batch_size_sum"))
    metrics.observe_encode_batch(32)
    assert sample("kaizen_insights_encode_batch_size_count") == count + 1
    assert sample("kaizen_insights_encode_batch_size_sum") == total + 32


def test_ports_explicit_disabled_and_derived_per_service():
    assert metrics.configured_port("ideas", {"KAIZEN_METRICS_PORT": "9100"}) == (9100, True)
    assert metrics.configured_port("ideas", {"KAIZEN_METRICS_PORT": "0"}) == (0, True)
    derived = [metrics.configured_port(s, {})[0] for s in
               ("career", "ideas", "experiments", "reflections", "insights")]
    assert derived == [9101, 9102, 9103, 9104, 9105]
    assert metrics.configured_port("unknown", {}) == (0, False)


def scrape(port: int) -> str:
    return urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()


def test_a_taken_default_port_falls_back_to_a_free_one_and_is_recorded(monkeypatch, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        monkeypatch.setattr(metrics, "configured_port", lambda service: (taken, False))
        monkeypatch.setenv("KAIZEN_METRICS_ADDR", "127.0.0.1")
        monkeypatch.setenv("KAIZEN_VAR_DIR", str(tmp_path))
        (tmp_path / "run").mkdir()
        server = MetricsServer()
        port = server.ensure("unit_probe")
        assert port not in (None, taken)
        assert server.ensure("other_probe") == port  # once per process
    assert (tmp_path / "run" / "unit_probe.metrics-port").read_text() == str(port)
    assert "kaizen_service_entrypoint_seconds" in scrape(port)


def test_port_zero_serves_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("KAIZEN_METRICS_PORT", "0")
    monkeypatch.setenv("KAIZEN_VAR_DIR", str(tmp_path))
    (tmp_path / "run").mkdir()
    assert MetricsServer().ensure("ideas") is None
    assert not (tmp_path / "run" / "ideas.metrics-port").exists()
