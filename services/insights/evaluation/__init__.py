"""`make eval`: the insights model's quality on labelled data, next to baselines.

Run with ``python -m services.insights.evaluation``; the figures are recorded in
docs/insights.md. Datasets: :mod:`.datasets`; metrics: :mod:`.metrics`; methods compared:
:mod:`.methods`."""
