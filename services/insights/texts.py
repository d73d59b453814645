"""The text each kind of document is embedded from (shared by the event handlers and the
reindex CLI, so both embed exactly the same thing)."""
from __future__ import annotations


def join(*parts: str | None) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def idea_text(title: str, problem: str = "", proposal: str = "") -> str:
    return join(_sentence(title), problem, proposal)


def experiment_text(title: str, hypothesis: str) -> str:
    return join(_sentence(title), hypothesis)


def opportunity_text(title: str, description: str, skill_names: list[str]) -> str:
    skills = f"Skills: {', '.join(skill_names)}." if skill_names else ""
    return join(_sentence(title), description, skills)


def profile_text(headline: str, skills: list[str], interests: list[str], aspirations: str,
                 reflections: list[str], evidence: list[str]) -> str:
    return join(_sentence(headline), f"Skills: {', '.join(skills)}." if skills else "",
                f"Interests: {', '.join(interests)}." if interests else "", aspirations,
                *reflections, *evidence)


def _sentence(text: str | None) -> str:
    text = (text or "").strip()
    return text if not text or text[-1] in ".!?" else text + "."
