"""Where chat deliveries go: URL checks, the generic webhook's signature, the retry schedule.

A receiver checks a webhook delivery by recomputing
``hex(HMAC-SHA256(secret, f"{X-Kaizen-Timestamp}.{body}"))`` and comparing it, in constant
time, with the ``v1=`` value of ``X-Kaizen-Signature``; it refuses timestamps older than five
minutes (replays). URLs must be https and resolve only to public addresses, unless
KAIZEN_WEBHOOK_ALLOW_PRIVATE=1 (make run and the tests), checked again before every send so a
name that later resolves inside the network is refused too."""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import socket
from datetime import datetime, timedelta
from urllib.parse import urlsplit

SIGNATURE_HEADER = "X-Kaizen-Signature"
TIMESTAMP_HEADER = "X-Kaizen-Timestamp"
MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(seconds=30)  # then doubling: 30 s, 1 min, 2 min ... ~4 h 16 min


class TargetError(ValueError):
    """The URL may not receive deliveries (the message says why)."""


def private_allowed() -> bool:
    return os.environ.get("KAIZEN_WEBHOOK_ALLOW_PRIVATE") == "1"


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise TargetError("must be an https:// URL")
    if private_allowed():
        return
    if parts.scheme != "https":
        raise TargetError("must be an https:// URL")
    for address in _addresses(parts.hostname, parts.port or 443):
        if not address.is_global:
            raise TargetError(f"resolves to a private or loopback address ({address})")


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        raise TargetError(f"the host {host} does not resolve") from None
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def signature_matches(secret: str, timestamp: str, body: bytes, header: str) -> bool:
    return hmac.compare_digest(signature(secret, timestamp, body), header)


def next_attempt(attempts: int, at: datetime) -> datetime | None:
    """When to try again after `attempts` failures, or None: park it."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return at + FIRST_RETRY * (2 ** (attempts - 1))
