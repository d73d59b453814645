"""ServiceMetrics on the real broker: RPCs and event handlers are timed and counted on the
process's metrics port, and a worker's log lines carry the call id stack the caller began.
A refused call (a domain error) is logged as a warning; only real faults are errors."""
from __future__ import annotations

import json
import logging
import urllib.request

import pytest
from nameko.events import event_handler
from nameko.standalone.events import event_dispatcher
from nameko.standalone.rpc import ClusterRpcProxy
from nameko.testing.services import entrypoint_waiter

from shared import logs, metrics
from shared.entrypoints import rpc
from shared.errors import ValidationError
from shared.metrics import ServiceMetrics

log = logging.getLogger("kaizen.probe")


class MetricsProbe:
    name = "metrics_probe"
    metrics = ServiceMetrics()

    @rpc
    def look(self, value):
        log.info("looking at %s", value)
        if not value:
            raise ValidationError([{"field": "value", "message": "required"}])
        if value == "bug":
            raise RuntimeError("a real fault")
        return value

    @event_handler("probe_source", "thing_happened")
    def on_thing(self, payload):
        if payload.get("broken"):
            raise RuntimeError("handler bug")


class JsonLines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.setFormatter(logs.JsonFormatter())
        self.lines: list[dict] = []

    def emit(self, record):
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def probe(container_factory, rabbit_config):
    container = container_factory(MetricsProbe, rabbit_config)
    container.start()
    return container


def scrape() -> dict[str, float]:
    assert metrics.SERVER.port, "the first started container serves the metrics port"
    url = f"http://127.0.0.1:{metrics.SERVER.port}/metrics"
    text = urllib.request.urlopen(url, timeout=10).read().decode()
    samples = {}
    for line in text.splitlines():
        if line.startswith("kaizen_service_entrypoint") and "metrics_probe" in line:
            key, value = line.rsplit(" ", 1)
            samples[key] = float(value)
    return samples


def calls(samples, method, kind, outcome) -> float:
    key = (f'kaizen_service_entrypoint_calls_total{{entrypoint="{kind}",method="{method}",'
           f'outcome="{outcome}",service="metrics_probe"}}')
    return samples.get(key, 0.0)


def test_rpc_calls_are_timed_counted_and_logged_under_the_callers_call_id(probe, rabbit_config):
    lines = JsonLines()
    log.addHandler(lines)
    log.setLevel(logging.INFO)
    before = scrape()
    client = ClusterRpcProxy(rabbit_config, timeout=10)
    cluster = client.start()
    try:
        logs.begin_call(client._worker_ctx, "gateway.itest-1")
        with entrypoint_waiter(probe, "look"):
            assert cluster.metrics_probe.look("a") == "a"
        logs.begin_call(client._worker_ctx, "gateway.itest-2")
        with entrypoint_waiter(probe, "look"), pytest.raises(ValidationError):
            cluster.metrics_probe.look("")
    finally:
        client.stop()
        log.removeHandler(lines)
        log.setLevel(logging.NOTSET)
    after = scrape()
    assert calls(after, "look", "rpc", "ok") == calls(before, "look", "rpc", "ok") + 1
    assert calls(after, "look", "rpc", "rejected") == calls(before, "look", "rpc", "rejected") + 1
    timed = 'kaizen_service_entrypoint_seconds_count{entrypoint="rpc",method="look",' \
            'service="metrics_probe"}'
    assert after[timed] == before.get(timed, 0.0) + 2
    first, second = (line for line in lines.lines if line["message"].startswith("looking"))
    assert first["call_id_stack"] == ["gateway.itest-1", first["call_id"]]
    assert first["call_id"].startswith("metrics_probe.look.")
    assert (second["origin_call_id"], second["service"]) == ("gateway.itest-2", "metrics_probe")


def test_event_handler_calls_and_failures_are_counted(probe, rabbit_config):
    before = scrape()
    dispatch = event_dispatcher(rabbit_config)
    with entrypoint_waiter(probe, "on_thing"):
        dispatch("probe_source", "thing_happened", {"broken": False})
    with entrypoint_waiter(probe, "on_thing"):
        dispatch("probe_source", "thing_happened", {"broken": True})
    after = scrape()
    for outcome in ("ok", "failed"):
        assert calls(after, "on_thing", "event", outcome) == calls(
            before, "on_thing", "event", outcome) + 1


def test_a_refused_call_is_a_warning_and_a_fault_an_error(probe, rabbit_config):
    lines = JsonLines()
    nameko_log = logging.getLogger("nameko.containers")
    nameko_log.addHandler(lines)
    try:
        with ClusterRpcProxy(rabbit_config, timeout=10) as cluster:
            with entrypoint_waiter(probe, "look"), pytest.raises(ValidationError):
                cluster.metrics_probe.look("")
            with entrypoint_waiter(probe, "look"), pytest.raises(Exception, match="a real fault"):
                cluster.metrics_probe.look("bug")
    finally:
        nameko_log.removeHandler(lines)
    levels = [(line["level"], "fault" in line["message"]) for line in lines.lines
              if "error handling worker" in line["message"]]
    assert levels == [("WARNING", False), ("ERROR", True)]
