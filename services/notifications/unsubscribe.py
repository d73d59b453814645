"""Signed one-click unsubscribe tokens (RFC 8058): the person and the kind (or DIGEST),
HMAC-SHA256 signed with KAIZEN_UNSUBSCRIBE_SECRET, so a link stops only what it names."""
from __future__ import annotations

import base64
import hashlib
import hmac

from services.notifications.domain import KINDS
from shared.errors import ValidationError
from shared.production import secret

DIGEST = "DIGEST"


def _secret() -> bytes:
    return secret("KAIZEN_UNSUBSCRIBE_SECRET").encode()


def _sign(text: str) -> str:
    mac = hmac.new(_secret(), text.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def make_token(person_id: str, kind: str) -> str:
    text = f"{person_id}:{kind}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=") + "." + _sign(text)


def read_token(token: str) -> tuple[str, str]:
    try:
        head, sig = token.split(".", 1)
        text = base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)).decode()
        person, kind = text.rsplit(":", 1)
    except (ValueError, UnicodeDecodeError):
        raise ValidationError("is not an unsubscribe link this service sent",
                              field="token") from None
    if not hmac.compare_digest(_sign(text), sig) or (kind != DIGEST and kind not in KINDS):
        raise ValidationError("is not an unsubscribe link this service sent", field="token")
    return person, kind
