"""Security headers on every HTTP response of the gateway (ASGI middleware).

Pages (every path but the API's: the portal's files, the unsubscribe page) get a
Content-Security-Policy the built portal runs under: its own scripts, styles and connections
(GraphQL, the websocket), `data:` images (the empty favicon), and the organisation's OpenID
provider for the token exchange and the silent sign-in frame. That frame ends on the portal's
own page, so a page may be framed by its own origin (`frame-ancestors 'self'`), never by
another; everything else (GraphQL, JSON, health, metrics) may load nothing and be framed by
nobody (`default-src 'none'; frame-ancestors 'none'`). GraphiQL (development only) loads its
code from a CDN and keeps no policy.

By path, not by content type: a 304 answer to a reload has no content type, and the browser
takes its headers over the page it has cached."""
from __future__ import annotations

from urllib.parse import urlsplit

API_POLICY = "default-src 'none'; frame-ancestors 'none'"
API_PATHS = ("/graphql", "/auth/", "/scim/", "/healthz", "/livez", "/readyz", "/metrics")
COMMON = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]


def page_policy(issuer: str | None) -> str:
    provider = ""
    if issuer:
        parts = urlsplit(issuer)
        provider = f" {parts.scheme}://{parts.netloc}"
    return ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self'{provider}; frame-src 'self'{provider}; "
            "frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'")


class SecurityHeaders:
    def __init__(self, app, issuer: str | None = None, graphiql: bool = False):
        self.app = app
        self.page = page_policy(issuer).encode()
        self.graphiql = graphiql

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []),
                                      *self._headers(scope, message.get("headers", []))]
            await send(message)

        await self.app(scope, receive, with_headers)

    def _headers(self, scope, headers) -> list[tuple[bytes, bytes]]:
        path = scope["path"]
        if path.startswith(API_PATHS):
            html = dict(headers).get(b"content-type", b"").startswith(b"text/html")
            if self.graphiql and path == "/graphql" and html:
                return [*COMMON, (b"x-frame-options", b"DENY")]
            return [*COMMON, (b"content-security-policy", API_POLICY.encode()),
                    (b"x-frame-options", b"DENY")]
        return [*COMMON, (b"content-security-policy", self.page),
                (b"x-frame-options", b"SAMEORIGIN")]
