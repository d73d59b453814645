"""Sending mail over SMTP: KAIZEN_SMTP_URL, e.g. smtp://127.0.0.1:8025 (the catcher make run
starts), smtp+starttls://user:password@mail.example.com:587 (STARTTLS, then AUTH) or
smtps://mail.example.com:465 (TLS from the start)."""
from __future__ import annotations

import os
import smtplib
import ssl
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

TIMEOUT = 20  # seconds


def smtp_url() -> str:
    return os.environ.get("KAIZEN_SMTP_URL", "smtp://127.0.0.1:8025")


def send(message: EmailMessage, url: str | None = None) -> None:
    parts = urlsplit(url or smtp_url())
    if parts.scheme not in ("smtp", "smtp+starttls", "smtps"):
        raise ValueError(f"KAIZEN_SMTP_URL: unknown scheme {parts.scheme!r}")
    host = parts.hostname or "127.0.0.1"
    if parts.scheme == "smtps":
        client = smtplib.SMTP_SSL(host, parts.port or 465, timeout=TIMEOUT,
                                  context=ssl.create_default_context())
    else:
        client = smtplib.SMTP(host, parts.port or 25, timeout=TIMEOUT)
    with client:
        if parts.scheme == "smtp+starttls":
            client.starttls(context=ssl.create_default_context())
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)
