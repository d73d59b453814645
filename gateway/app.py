"""The gateway: Starlette + strawberry at /graphql, SCIM at /scim/v2, health, metrics, portal."""
from __future__ import annotations

import asyncio
import contextlib
import os
import time
from pathlib import Path

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from gateway import health, live, scim
from gateway.auth import AuthError, TokenVerifier, issue_dev_token
from gateway.context import Context
from gateway.events import EventConsumer, Hub
from gateway.headers import SecurityHeaders
from gateway.limits import BodyLimits
from gateway.loaders import request_context
from gateway.metrics import REQUEST_LATENCY, REQUESTS, RequestTracking
from gateway.notifications import unsubscribe
from gateway.production import metrics_port, serve_metrics
from gateway.ratelimits import RateLimits, rates_from_env
from gateway.rpc import RpcClient, ServiceUnavailable
from gateway.schema import schema
from shared.errors import NotFound
from shared.identity import SYSTEM
from shared.production import is_production, refuse_unsafe_start
from shared.settings import (
    ROOT,
    AuthSettings,
    OidcSettings,
    amqp_uri,
    deployed_services,
    rpc_timeout,
)

PORTAL_DIST = Path(os.environ.get("KAIZEN_PORTAL_DIST", ROOT / "portal" / "dist"))


class KaizenGraphQL(GraphQL):
    async def get_context(self, request, response) -> Context:
        bearer = getattr(request.state, "bearer", None)  # websockets: set at connection_init
        return request_context(request.app.state.rpc, bearer and bearer.identity, request,
                               response, token_scopes=bearer and bearer.scopes,
                               rate_limits=request.app.state.rate_limits)

    async def on_ws_connect(self, context: Context):
        state = context.request.app.state
        await live.connect(context, state.connections)


class LiveEndpoint:
    """Websockets at /graphql: strawberry speaks graphql-transport-ws; the person's socket
    count is released when the socket goes."""

    def __init__(self, graphql_app: KaizenGraphQL):
        self.graphql_app = graphql_app

    async def __call__(self, scope, receive, send) -> None:
        try:
            await self.graphql_app(scope, receive, send)
        finally:
            scope["app"].state.connections.release(id(scope))


def unauthenticated(message: str) -> JSONResponse:
    body = {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]}
    return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"})


class GraphQLEndpoint:
    """Verifies the bearer token before strawberry sees the request: a bad one is a 401."""

    def __init__(self, graphql_app: KaizenGraphQL):
        self.graphql_app = graphql_app

    async def __call__(self, scope, receive, send) -> None:
        request = Request(scope, receive)
        try:
            request.state.bearer = await request.app.state.verifier.authenticate(
                request.headers.get("authorization"), request.app.state.rpc)
        except AuthError as exc:
            REQUESTS.labels("graphql", "unauthenticated").inc()
            return await unauthenticated(str(exc))(scope, receive, send)
        started = time.perf_counter()
        await self.graphql_app(scope, receive, send)
        REQUEST_LATENCY.labels("graphql").observe(time.perf_counter() - started)
        REQUESTS.labels("graphql", "done").inc()


async def livez(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(_request: Request) -> JSONResponse:
    result = await health.ready(amqp_uri())
    return JSONResponse(result, status_code=200 if result["status"] == "ok" else 503)


async def healthz(request: Request) -> JSONResponse:
    result = await health.check(request.app.state.rpc, amqp_uri(), deployed_services())
    return JSONResponse(result, status_code=200 if result["status"] == "ok" else 503)


async def dev_token(request: Request) -> Response:
    settings: AuthSettings = request.app.state.auth_settings
    if not settings.dev_login:
        return PlainTextResponse("Not Found", status_code=404)
    try:
        body = await request.json()
        email = str(body["email"])
    except (ValueError, KeyError, TypeError):
        return JSONResponse({"error": "send {\"email\": \"...\"}", "field": "email"}, 400)
    try:
        person = await request.app.state.rpc.call("career", "find_person_by_email", email)
    except NotFound:
        return JSONResponse({"error": "no seeded person with that e-mail", "field": "email"}, 404)
    except ServiceUnavailable as exc:
        return JSONResponse({"error": str(exc)}, status_code=503)
    if person.get("active") is False:  # as career's sign_in refuses them
        return JSONResponse({"error": "this account is deactivated: ask an administrator",
                             "field": "email"}, 403)
    return JSONResponse({"token": issue_dev_token(person, settings), "person": person})


DEV_PEOPLE = 500


async def dev_people(request: Request) -> Response:
    """The people the dev sign-in page lists (only when dev login is on): everyone who may
    sign in, by name, up to DEV_PEOPLE; a deactivated person is not offered."""
    if not request.app.state.auth_settings.dev_login:
        return PlainTextResponse("Not Found", status_code=404)
    people, after = [], None
    while len(people) < DEV_PEOPLE:
        page = await request.app.state.rpc.call("career", "list_people", first=100,
                                                after=after, identity=SYSTEM)
        people += [p for p in page["items"] if p.get("active") is not False]
        if not page["has_next"]:
            break
        after = page["end_cursor"]
    return JSONResponse([{k: p[k] for k in ("name", "email", "team", "roles", "title")}
                         for p in people[:DEV_PEOPLE]])


async def auth_config(request: Request) -> JSONResponse:
    """What the portal needs to sign in: the provider (by discovery), its client id, the
    scopes, which token to send (the access token when an audience is configured, else the
    ID token) and whether development sign-in is on."""
    oidc: OidcSettings = request.app.state.oidc_settings
    provider = {"issuer": oidc.issuer, "clientId": oidc.client_id, "scope": oidc.scope,
                "token": "access_token" if oidc.audience else "id_token"}
    return JSONResponse({"oidc": provider if oidc.enabled else None,
                         "devLogin": request.app.state.auth_settings.dev_login})


async def metrics(_request: Request) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


@contextlib.asynccontextmanager
async def lifespan(app: Starlette):
    refuse_unsafe_start("gateway")  # KAIZEN_ENV=production: no public development secrets
    if port := metrics_port(is_production()):
        serve_metrics(port)
    app.state.auth_settings = AuthSettings.from_env()
    app.state.oidc_settings = OidcSettings.from_env()
    app.state.verifier = TokenVerifier(app.state.auth_settings, app.state.oidc_settings)
    app.state.rpc = RpcClient(amqp_uri(), rpc_timeout())
    app.state.hub, app.state.connections = Hub(), live.Connections()
    rates = rates_from_env()
    app.state.rate_limits = RateLimits(rates) if rates else None
    app.state.events = EventConsumer(amqp_uri(), app.state.hub, asyncio.get_running_loop())
    app.state.events.start()
    yield
    app.state.events.stop()
    app.state.rpc.close()


def create_app() -> Starlette:
    production = is_production()
    graphiql = not production and os.environ.get("KAIZEN_GRAPHIQL", "1") == "1"
    graphql_app = KaizenGraphQL(
        schema, graphql_ide="graphiql" if graphiql else None,
        subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL],
        max_subscriptions_per_connection=live.subscriptions_per_connection(),
    )
    routes = [
        Route("/graphql", GraphQLEndpoint(graphql_app), methods=["GET", "POST"]),
        WebSocketRoute("/graphql", LiveEndpoint(graphql_app)),
        Route("/notifications/unsubscribe", unsubscribe.page, methods=["GET", "POST"]),
        Route("/livez", livez),
        Route("/readyz", readyz),
        Route("/healthz", healthz),
        Route("/auth/dev-token", dev_token, methods=["POST"]),
        Route("/auth/dev-people", dev_people),
        Route("/auth/config", auth_config),
        *scim.ROUTES,  # SCIM 2.0 provisioning, served by career
    ]
    if not production:  # production: on KAIZEN_METRICS_PORT only (gateway.production)
        routes.append(Route("/metrics", metrics))
    if PORTAL_DIST.is_dir():
        routes.append(Mount("/", StaticFiles(directory=PORTAL_DIST, html=True), name="portal"))
    headers = Middleware(SecurityHeaders, issuer=OidcSettings.from_env().issuer,
                         graphiql=graphiql)
    return Starlette(routes=routes, lifespan=lifespan,
                     middleware=[Middleware(RequestTracking), headers, Middleware(BodyLimits)])


app = create_app()
