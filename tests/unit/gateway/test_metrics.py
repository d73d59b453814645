"""Gateway metrics by GraphQL operation, and one request id per HTTP request."""
from __future__ import annotations

import strawberry
from prometheus_client import REGISTRY
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from gateway.metrics import OperationMetrics, OperationNames, RequestTracking
from shared import logs


@strawberry.type
class Query:
    @strawberry.field
    def me(self) -> str:
        return "ana"

    @strawberry.field
    def ideas(self) -> int:
        return 3

    @strawberry.field
    def broken(self) -> str:
        raise ValueError("nope")


@strawberry.type
class Mutation:
    @strawberry.mutation
    def vote(self) -> bool:
        return True


schema = strawberry.Schema(query=Query, mutation=Mutation, extensions=[OperationMetrics])


def counted(kind: str, operation: str, outcome: str) -> float:
    labels = {"type": kind, "operation": operation, "outcome": outcome}
    return REGISTRY.get_sample_value("kaizen_gateway_operations_total", labels) or 0.0


def timed(kind: str, operation: str) -> float:
    labels = {"type": kind, "operation": operation}
    return REGISTRY.get_sample_value("kaizen_gateway_operation_seconds_count", labels) or 0.0


def test_named_operations_are_counted_and_timed_by_name():
    before, latency = counted("query", "Board", "ok"), timed("query", "Board")
    assert schema.execute_sync("query Board { ideas }").errors is None
    assert counted("query", "Board", "ok") == before + 1
    assert timed("query", "Board") == latency + 1


def test_anonymous_operations_are_labelled_by_their_root_fields():
    before = counted("query", "query:ideas+me", "ok")
    schema.execute_sync("{ me ideas }")
    assert counted("query", "query:ideas+me", "ok") == before + 1
    before = counted("mutation", "mutation:vote", "ok")
    schema.execute_sync("mutation { vote }")
    assert counted("mutation", "mutation:vote", "ok") == before + 1


def test_errors_are_counted_as_errors():
    before = counted("query", "Broken", "error")
    assert schema.execute_sync("query Broken { broken }").errors
    assert counted("query", "Broken", "error") == before + 1
    before = counted("invalid", "invalid", "error")
    schema.execute_sync("{ me ")
    assert counted("invalid", "invalid", "error") == before + 1


def test_operation_names_are_bounded():
    names = OperationNames(limit=2)
    assert [names.label(n) for n in ("A", "B", "C", "A", None)] == [
        "A", "B", "other", "A", "invalid"]


def app() -> Starlette:
    async def who(_request):
        return JSONResponse({"call_id": logs.current_call_id()})
    return Starlette(routes=[Route("/who", who)])


def test_each_request_gets_a_call_id_in_logs_and_in_the_response_header():
    with TestClient(RequestTracking(app())) as client:
        kept = client.get("/who", headers={"x-request-id": "client-42"})
        fresh = client.get("/who")
        again = client.get("/who")
    assert kept.headers["x-request-id"] == kept.json()["call_id"] == "client-42"
    assert fresh.headers["x-request-id"] == fresh.json()["call_id"]
    assert fresh.json()["call_id"].startswith("gateway.")
    assert again.json()["call_id"] != fresh.json()["call_id"]
    assert logs.current_call_id() is None
