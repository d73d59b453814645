"""Posting one chat delivery: the channel's message for the notice, signed for a generic
webhook, to a URL checked again at send time. Returns None on a 2xx answer, else the error."""
from __future__ import annotations

import json
import time

import requests

from services.notifications.messages import BUILDERS
from services.notifications.targets import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    TargetError,
    check_url,
    signature,
)

TIMEOUT = 10  # seconds


def post(kind: str, url: str, secret: str, notice: dict) -> str | None:
    try:
        check_url(url)
    except TargetError as exc:
        return f"refused: {exc}"
    body = json.dumps(BUILDERS[kind](notice), separators=(",", ":")).encode()
    headers = {"Content-Type": "application/json", "User-Agent": "Kaizen-Notifications/1"}
    if kind == "WEBHOOK":
        stamp = str(int(time.time()))
        headers |= {TIMESTAMP_HEADER: stamp, SIGNATURE_HEADER: signature(secret, stamp, body)}
    try:
        answer = requests.post(url, data=body, headers=headers, timeout=TIMEOUT,
                               allow_redirects=False)
    except requests.RequestException as exc:
        return f"{type(exc).__name__}: {exc}"[:500]
    if 200 <= answer.status_code < 300:
        return None
    return f"HTTP {answer.status_code}: {answer.text[:200]}"
