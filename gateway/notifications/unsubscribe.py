"""The one-click unsubscribe link of every Kaizen mail (RFC 8058): a mail client POSTs to it
(List-Unsubscribe-Post); a person who opens it gets a page with one button, since a GET
(a link preview, a scanner) must change nothing. The signed token is the only credential."""
from __future__ import annotations

import html

from starlette.requests import Request
from starlette.responses import HTMLResponse

from gateway.rpc import ServiceUnavailable
from shared.errors import DomainError
from shared.identity import SYSTEM

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Kaizen e-mail</title></head>
<body><main><h1>Kaizen e-mail</h1>{body}</main></body></html>"""


def _page(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(PAGE.format(body=body), status_code=status)


async def page(request: Request) -> HTMLResponse:
    token = request.query_params.get("token", "")
    if request.method == "GET":
        return _page(f'<form method="post" action="?token={html.escape(token)}">'
                     '<p>Stop these e-mails?</p><button type="submit">Unsubscribe</button>'
                     "</form>")
    try:
        await request.app.state.rpc.call("notifications", "unsubscribe", token,
                                         identity=SYSTEM)
    except DomainError as exc:
        return _page(f"<p>{html.escape(exc.message)}</p>", 400)
    except ServiceUnavailable:
        return _page("<p>Kaizen cannot answer right now; try again in a minute.</p>", 503)
    return _page("<p>Done: you will no longer get these e-mails. Change your choices any time "
                 "under Profile → Notifications.</p>")
