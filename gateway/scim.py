"""SCIM 2.0 provisioning at /scim/v2 (RFC 7644): the gateway only carries each request to
career (serve_scim), with the bearer's secret, and its answer back. Career checks the
provisioning token (a SCIM Error with status 401 otherwise) and does all the work."""
from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from gateway.metrics import REQUESTS
from gateway.rpc import ServiceUnavailable
from shared.identity import SYSTEM

PREFIX = "/scim/v2"
SCIM_JSON = "application/scim+json"
FORWARDED_HEADERS = ("content-type", "if-match", "if-none-match")
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


def bearer_secret(header: str | None) -> str:
    scheme, _, secret = (header or "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else ""


async def endpoint(request: Request) -> Response:
    body = await request.body()
    forwarded = {
        "method": request.method, "base_url": str(request.base_url).rstrip("/") + PREFIX,
        "path": "/" + request.path_params.get("path", ""),
        "query": dict(request.query_params),
        "headers": {k: request.headers[k] for k in FORWARDED_HEADERS if k in request.headers},
        "body": body.decode("utf-8", "replace"),
    }
    try:
        answer = await request.app.state.rpc.call(
            "career", "serve_scim", bearer_secret(request.headers.get("authorization")),
            forwarded, identity=SYSTEM)
    except ServiceUnavailable as exc:
        answer = error(503, str(exc))
    REQUESTS.labels("scim", str(answer["status"])).inc()
    content = b"" if answer["body"] is None else json.dumps(answer["body"]).encode()
    return Response(content, status_code=answer["status"], headers=answer["headers"])


def error(status: int, detail: str) -> dict:
    return {"status": status, "headers": {"Content-Type": SCIM_JSON},
            "body": {"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                     "status": str(status), "detail": detail}}


ROUTES = [Route(PREFIX, endpoint, methods=METHODS),
          Route(PREFIX + "/{path:path}", endpoint, methods=METHODS)]
