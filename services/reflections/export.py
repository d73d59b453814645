"""An author's reflections as one document: Markdown to read, JSON to move elsewhere."""
from __future__ import annotations

import json
from enum import StrEnum

from shared.errors import ValidationError


class ExportFormat(StrEnum):
    MARKDOWN = "MARKDOWN"
    JSON = "JSON"


def export(reflections: list[dict], format: str, prompt_titles: dict[str, str]) -> str:
    """`reflections` are DTOs, oldest first."""
    if format == ExportFormat.JSON:
        return json.dumps({"reflections": reflections}, ensure_ascii=False, indent=2)
    if format == ExportFormat.MARKDOWN:
        return to_markdown(reflections, prompt_titles)
    raise ValidationError("must be MARKDOWN or JSON", field="format")


def to_markdown(reflections: list[dict], prompt_titles: dict[str, str]) -> str:
    count = len(reflections)
    parts = ["# My reflections", f"{count} reflection{'' if count == 1 else 's'}, oldest first."]
    parts += [_entry(r, prompt_titles) for r in reflections]
    return "\n\n".join(parts) + "\n"


def _entry(reflection: dict, prompt_titles: dict[str, str]) -> str:
    facts = [f"Visibility: {reflection['visibility']}"]
    if reflection["tags"]:
        facts.append("Tags: " + ", ".join(reflection["tags"]))
    if reflection["mood"] is not None:
        facts.append(f"Mood: {reflection['mood']}/5")
    if reflection["prompt_id"]:
        facts.append("Prompt: " + prompt_titles.get(reflection["prompt_id"],
                                                      reflection["prompt_id"]))
    facts += [f"Link: {link['kind'].lower()} {link['id']}" for link in reflection["links"]]
    if reflection["idea_id"]:
        facts.append(f"Became idea {reflection['idea_id']}")
    meta = "\n".join(f"- {fact}" for fact in facts)
    return f"---\n\n## {reflection['created_at'][:16].replace('T', ' ')} UTC\n\n{meta}\n\n" \
        f"{reflection['body']}"
