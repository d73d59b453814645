"""JSON log lines carry the call id that nameko propagates, and the gateway starts it."""
from __future__ import annotations

import json
import logging
import logging.config
import sys

import yaml
from nameko.containers import ServiceContainer, WorkerContext
from nameko.rpc import rpc
from nameko.standalone.rpc import ClusterRpcProxy

from shared import logs
from shared.settings import ROOT


class Probe:
    name = "probe"

    @rpc
    def echo(self, value):
        return value


def worker(data: dict | None = None) -> WorkerContext:
    container = ServiceContainer(Probe, {"AMQP_URI": "memory://"})
    entrypoint = next(iter(container.entrypoints))
    return WorkerContext(container, Probe(), entrypoint, data=data)


def line(message: str = "hello", **kwargs) -> dict:
    record = logging.LogRecord("kaizen.test", logging.INFO, __file__, 1, message, None,
                               kwargs.pop("exc_info", None))
    return json.loads(logs.JsonFormatter().format(record))


def test_a_worker_line_carries_its_call_id_and_the_origin_from_upstream():
    ctx = worker({"call_id_stack": ["gateway.req-1"]})
    logs.bind_worker(ctx)
    try:
        out = line("voted")
    finally:
        logs.unbind()
    assert out["message"] == "voted" and out["level"] == "INFO"
    assert out["call_id"].startswith("probe.echo.")
    assert out["origin_call_id"] == "gateway.req-1"
    assert out["call_id_stack"] == ["gateway.req-1", out["call_id"]]
    assert (out["service"], out["method"]) == ("probe", "echo")


def test_outside_a_worker_a_line_has_no_call_fields_but_keeps_the_exception():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        out = line("failed", exc_info=sys.exc_info())
    assert "call_id" not in out and "service" not in out
    assert "RuntimeError: boom" in out["exc"]


def test_request_id_from_the_client_is_kept_only_when_it_is_a_sane_token():
    assert logs.request_call_id("abc-123.X_y:z") == "abc-123.X_y:z"
    for bad in (None, "", "two words", "x" * 129, "evil\nline"):
        generated = logs.request_call_id(bad)
        assert generated.startswith("gateway.") and generated != bad
    assert logs.request_call_id() != logs.request_call_id()


def test_begin_call_starts_the_stack_a_long_lived_proxy_sends():
    proxy = ClusterRpcProxy({"AMQP_URI": "memory://"}, context_data={"user": "u1"})
    ctx = proxy._worker_ctx
    logs.begin_call(ctx, "gateway.first")
    assert ctx.context_data == {"user": "u1", "call_id_stack": ["gateway.first"]}
    logs.begin_call(ctx, "gateway.second")
    assert ctx.context_data["call_id_stack"] == ["gateway.second"]


def test_the_gateway_request_binding_appears_in_its_lines():
    logs.bind_request("gateway.req-9", operation="query:me")
    try:
        out = line()
        assert logs.current_call_id() == "gateway.req-9"
    finally:
        logs.unbind()
    assert (out["call_id"], out["service"], out["operation"]) == (
        "gateway.req-9", "gateway", "query:me")
    assert logs.current_call_id() is None


def test_gateway_logging_config_writes_json_lines(capsys):
    config = yaml.safe_load((ROOT / "config" / "gateway-logging.yaml").read_text())
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    logging.config.dictConfig(config)
    try:
        logging.getLogger("uvicorn.error").warning("started on %s", 8000)
        err = capsys.readouterr().err.strip().splitlines()
        assert json.loads(err[-1])["message"] == "started on 8000"
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
