"""Similarity thresholds of the insights service (cosine on unit-norm MiniLM embeddings).

Calibrated by `make eval` (services/insights/evaluation) on the labelled duplicate set; the
figures behind each value are recorded in docs/insights.md. Change them only with a new
evaluation run.
"""
from __future__ import annotations

# similarIdeas: an idea whose duplicate score (duplicates.score: a logistic regression on the
# sentence cosine and the closeness and share of the words without a counterpart) is at or
# above this is flagged `possibleDuplicate`. The weights (cosine, closeness, share, bias) and
# the threshold (best F1) were fitted on the tune split only: the tune halves of
# data/duplicate_pairs_esco.json and of the idea groups (data/duplicate_pairs.json, even
# groups) together; `make eval` refits them and reports both report halves
# (docs/insights.md, which also has the lexical features tried and dropped).
DUPLICATE_WEIGHTS = (9.421, 6.273, 4.414, -10.744)
DUPLICATE = 0.43
# duplicates.unmatched: a word whose best cosine in the other text is below this has no
# counterpart there (chosen by cross-validation on the tune split among 0.60-0.80).
UNMATCHED = 0.65
# Until issue 20 the flag was the cosine alone at this value (kept for the comparison row).
DUPLICATE_COSINE = 0.70
# similarIdeas: only the best few hits are re-scored word by word (each costs a forward pass
# of its text, cached); the others are not flagged.
DUPLICATE_RESCORE = 5
# similarIdeas: ideas below this score are not offered at all.
SIMILAR_MIN = 0.35
# themes: a new idea joins the nearest theme when its similarity to the centroid is at least this.
# Tuned with THEME_CLUSTER on the 'tune' half of data/theme_topics.json (docs/insights.md).
THEME_JOIN = 0.25
# themes: pool re-clustering merges groups while their members' mean cosine is at least this
# (average linkage, clustering.cluster_linkage), computed between neighbourhood profiles
# (clustering.neighbour_profiles: each document's cosines to its NEIGHBOURS nearest) once
# at least NEIGHBOURS_MIN documents are clustered; below that, between the embeddings at
# THEME_CLUSTER_SMALL. Tuned on the 'tune' half of data/theme_topics.json (docs/insights.md).
THEME_CLUSTER = 0.25
NEIGHBOURS = 8
NEIGHBOURS_MIN = 50
THEME_CLUSTER_SMALL = 0.25
# theme areas: themes are grouped into broad areas by average linkage over their centroids
# while the mean cosine between the centroids of two groups is at least this (theme_areas.py).
# Chosen on the 'tune' half against its broad-area labels (docs/insights.md).
THEME_AREA = 0.30
# themes: above this many documents a re-cluster uses greedy community detection at
# THEME_COMMUNITY instead (average linkage holds an n x n matrix: 100 MB at 5,000).
LINKAGE_MAX = 5000
THEME_COMMUNITY = 0.45
# themes: a re-clustered cluster keeps an old theme id when they share at least this share of ideas.
THEME_MATCH = 0.5
# themes: the pool is re-clustered after this many unassigned arrivals.
RECLUSTER_EVERY = 20
# similarExperiments: past experiments below this score are not offered.
SIMILAR_EXPERIMENT_MIN = 0.30
