"""The SCIM 2.0 service career offers at the gateway's /scim/v2 (RFC 7643, RFC 7644), built on
scim2-server: the RFC's User (with the enterprise extension) and Group schemas, PATCH and
filters (`eq` on lookup attributes, scim_filters), index pagination, no bulk, sorting,
ETags or password changes; a provisioning token as the bearer."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from http import HTTPStatus

from scim2_models import (
    AuthenticationScheme,
    Bulk,
    ChangePassword,
    ETag,
    Filter,
    Patch,
    Required,
    Schema,
    SCIMException,
    ScimProvider,
    ServiceProviderConfig,
    Sort,
    UnauthorizedException,
)
from scim2_server.applications.base import BaseApplication
from scim2_server.handler import ScimHandler
from scim2_server.requests import ScimRequest
from scim2_server.responses import ScimResponse
from scim2_server.routing import Operation
from scim2_server.service import ScimService
from scim2_server.storage import ScimStorage
from scim2_server.utils import load_default_resource_types, load_default_schemas

from services.career.scim_resources import USER
from shared.errors import Unauthenticated

MAX_RESULTS = 200
log = logging.getLogger(__name__)

CONFIG = ServiceProviderConfig(
    documentation_uri="https://kaizen.example/docs/identity#scim",
    patch=Patch(supported=True),
    bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
    filter=Filter(supported=True, max_results=MAX_RESULTS),
    change_password=ChangePassword(supported=False),
    sort=Sort(supported=False),
    etag=ETag(supported=False),
    authentication_schemes=[AuthenticationScheme(
        type=AuthenticationScheme.Type.oauthbearertoken, name="Provisioning token",
        description="Authorization: Bearer kzscim_..., made by an admin with "
                    "createProvisioningToken", primary=True)],
)


def schemas() -> list[Schema]:
    """The RFC's schemas, but a User needs an e-mail address: a Kaizen person is reached,
    and matched at sign-in, by it."""
    found = load_default_schemas()
    for attribute in found[USER].attributes or []:
        if attribute.name == "emails":
            attribute.required = Required.true
            for sub in attribute.sub_attributes or []:
                sub.required = Required.true if sub.name == "value" else sub.required
    return list(found.values())


PROVIDER = ScimProvider.from_discovery(schemas(), load_default_resource_types().values(),
                                       config=CONFIG)
SERVICE = ScimService(PROVIDER)


def request_of(raw: dict) -> ScimRequest:
    """The gateway's forwarded request: method, base_url, path (under /scim/v2), query,
    headers, body (text)."""
    method, body = str(raw["method"]), str(raw.get("body") or "")
    return ScimRequest(method=method, base_url=str(raw["base_url"]),
                       path=BaseApplication.split_path(str(raw.get("path") or "")),
                       query=dict(raw.get("query") or {}),
                       headers=dict(raw.get("headers") or {}),
                       body=(members_removed_by_filter(body) if method.upper() == "PATCH"
                             else body).encode())


def members_removed_by_filter(body: str) -> str:
    """Entra ID removes group members with `{"op": "Remove", "path": "members", "value":
    [{"value": ID}]}`, which RFC 7644 §3.5.2.2 words as a filter: `members[value eq ID]`,
    one operation each. Any other body is left as it is."""
    try:
        patch = json.loads(body)
        operations = patch["Operations"]
        rewritten = [each for o in operations for each in _by_filter(o)]
    except (ValueError, KeyError, TypeError):
        return body
    return json.dumps({**patch, "Operations": rewritten})


def _by_filter(operation: dict) -> list[dict]:
    value = operation.get("value")
    if (str(operation.get("op", "")).lower() != "remove"
            or str(operation.get("path", "")).lower() != "members"
            or not isinstance(value, list)
            or not all(isinstance(m, dict) and isinstance(m.get("value"), str) for m in value)):
        return [operation]
    return [{"op": "remove", "path": f"members[value eq {json.dumps(m['value'])}]"}
            for m in value]


def serve(request: ScimRequest, storage: ScimStorage,
          authenticate: Callable[[], None]) -> ScimResponse:
    """The answer to one request; `authenticate` raises Unauthenticated for a bad token
    (every endpoint but ServiceProviderConfig needs one, RFC 7644 §4)."""
    try:
        if SERVICE.match(request).operation is not Operation.service_provider_config:
            try:
                authenticate()
            except Unauthenticated as refused:
                raise UnauthorizedException(detail=refused.message) from None
        response = ScimHandler(SERVICE, storage).handle(request)
    except Exception as exc:  # noqa: BLE001 (SCIM answers every failure with its Error)
        if not isinstance(exc, SCIMException):
            log.exception("SCIM %s %s failed", request.method, request.path)
        response = SERVICE.error_response(exc)
    response.headers.setdefault("Cache-Control", "no-cache")
    return response


def answer(response: ScimResponse) -> dict:
    """The response as plain data for the RPC answer."""
    return {"status": int(response.status), "headers": dict(response.headers),
            "body": response.body}


def succeeded(response: ScimResponse) -> bool:
    return response.status < HTTPStatus.BAD_REQUEST
