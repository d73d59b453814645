"""Prompt templates: the built-in ones and the rules for an organisation's own."""
from __future__ import annotations

from dataclasses import dataclass

from shared.errors import FieldErrors

TITLE_MIN, TITLE_MAX = 3, 80
DESCRIPTION_MAX = 500
QUESTIONS_MAX, QUESTION_MIN, QUESTION_MAX = 10, 3, 200


@dataclass(frozen=True)
class Prompt:
    id: str
    title: str
    description: str
    questions: tuple[str, ...]
    built_in: bool = False

    def template(self) -> str:
        """A markdown scaffold to write the reflection in: one heading per question."""
        return "\n".join(f"## {question}\n\n" for question in self.questions)


@dataclass(frozen=True)
class PromptDraft:
    """An organisation's prompt as an admin wrote it, cleaned."""

    title: str
    description: str
    questions: tuple[str, ...]


BUILT_IN = (
    Prompt("builtin-retrospective", "What went well, what I learned, what I'll try",
           "A short personal retrospective of the week.",
           ("What went well?", "What did I learn?", "What will I try next?"), True),
    Prompt("builtin-progress-plans-problems", "Progress, plans, problems",
           "The weekly check-in: what got done, what is next, what is in the way.",
           ("Progress: what did I get done?", "Plans: what will I do next?",
            "Problems: what is in my way?"), True),
    Prompt("builtin-after-experiment", "After an experiment",
           "Lessons learned once an experiment has run its course.",
           ("What did we expect to happen?", "What actually happened?",
            "Why was there a difference?", "What will we keep, change or drop?"), True),
)


def clean_prompt(fields: dict) -> PromptDraft:
    """Title, description and questions of an organisation prompt, or ValidationError."""
    errors = FieldErrors()
    title = " ".join(str(fields.get("title") or "").split())
    errors.check(TITLE_MIN <= len(title) <= TITLE_MAX, "title",
                 f"must be {TITLE_MIN} to {TITLE_MAX} characters (got {len(title)})")
    description = str(fields.get("description") or "").strip()
    errors.check(len(description) <= DESCRIPTION_MAX, "description",
                 f"at most {DESCRIPTION_MAX} characters")
    raw = fields.get("questions")
    questions = [" ".join(str(q).split()) for q in raw] if isinstance(raw, list) else []
    errors.check(1 <= len(questions) <= QUESTIONS_MAX, "questions",
                 f"give 1 to {QUESTIONS_MAX} questions")
    errors.check(all(QUESTION_MIN <= len(q) <= QUESTION_MAX for q in questions), "questions",
                 f"each question must be {QUESTION_MIN} to {QUESTION_MAX} characters")
    errors.raise_if_any()
    return PromptDraft(title=title, description=description, questions=tuple(questions))
