"""Chat messages for a notice: a Slack Block Kit message (built with slack_sdk's models,
which check lengths and shapes), a Microsoft Teams Adaptive Card (the Workflows webhook's
envelope) and the generic webhook's JSON."""
from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

ADAPTIVE_CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def slack_escaped(text: str) -> str:
    """People's text as Slack shows it: `<!channel>`, `<@U123>` and `<https://x|label>`
    stay letters, never a mention or a disguised link (Slack's own escaping rule)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack(notice: dict) -> dict:
    title, body = slack_escaped(notice["title"]), slack_escaped(notice["body"] or "")
    blocks = [SectionBlock(text=MarkdownTextObject(text=_clip(f"*{title}*\n{body}", 3000)))]
    if notice.get("link"):
        blocks.append(ActionsBlock(elements=[ButtonElement(
            text="Open in Kaizen", url=notice["link"], action_id="open")]))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=notice["kind_label"])]))
    for block in blocks:
        block.validate_json()
    return {"text": _clip(title, 3000), "blocks": [b.to_dict() for b in blocks]}


def teams(notice: dict) -> dict:
    body = [{"type": "TextBlock", "text": notice["title"], "weight": "Bolder", "wrap": True,
             "size": "Medium"},
            {"type": "TextBlock", "text": notice["body"] or " ", "wrap": True},
            {"type": "TextBlock", "text": notice["kind_label"], "isSubtle": True,
             "spacing": "Small", "wrap": True}]
    card = {"$schema": ADAPTIVE_CARD_SCHEMA, "type": "AdaptiveCard", "version": "1.4",
            "body": body}
    if notice.get("link"):
        card["actions"] = [{"type": "Action.OpenUrl", "title": "Open in Kaizen",
                            "url": notice["link"]}]
    return {"type": "message", "attachments": [{
        "contentType": "application/vnd.microsoft.card.adaptive", "content": card}]}


def webhook(notice: dict) -> dict:
    keys = ("id", "kind", "title", "body", "subject_type", "subject_id", "subject_title",
            "link", "created_at")
    return {"type": "notification", **{k: notice.get(k) for k in keys}}


BUILDERS = {"SLACK": slack, "TEAMS": teams, "WEBHOOK": webhook}
