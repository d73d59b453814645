"""Draws the pictures of docs/experiments.md from the real chart code: one SVG per metric
kind and rule set, so the docs show what the service computes.

    .venv/bin/python -m scripts.chart_pictures docs/images
"""
from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from services.experiments import charts

W, H, PAD = 640, 260, 40
COLOURS = {charts.COMMON: "#5b6478", charts.IMPROVEMENT: "#175cd3", charts.CONCERN: "#dc6803"}
T0 = datetime(2026, 1, 5, tzinfo=UTC)

# (file, title, kind, rules, direction, rows of (value | (numerator, denominator)), baseline)
EXAMPLES = [
    ("chart-measure-ihi.svg",
     "MEASURE under IHI: run chart, a shift (and astronomical points) after the change",
     "MEASURE", "IHI", "DECREASE",
     [12, 14, 11, 13, 12, 13, 12, 14, 8, 7, 8, 6, 7, 8, 7, 6], 8),
    ("chart-measure-nhs.svg", "MEASURE under NHS: XmR chart, a point outside the limits",
     "MEASURE", "NHS", "INCREASE",
     [50, 53, 49, 52, 51, 48, 52, 50, 53, 49, 51, 66, 50, 52, 49, 51], 0),
    ("chart-proportion-anhoej.svg", "PROPORTION under ANHOEJ: p chart, an unusually long run",
     "PROPORTION", "ANHOEJ", "DECREASE",
     [(12, 60), (14, 62), (11, 58), (13, 60), (12, 61), (10, 55), (13, 60), (12, 59),
      (5, 60), (4, 58), (6, 62), (3, 57), (4, 60), (5, 61), (4, 59), (3, 60)], 8),
    ("chart-rate-nhs.svg",
     "RATE under NHS: u chart, limits follow each week's hours; one week outside",
     "RATE", "NHS", "DECREASE",
     [(4, 1.2), (6, 1.5), (3, 0.8), (5, 1.3), (7, 1.6), (2, 0.7), (5, 1.2), (4, 1.1),
      (6, 1.4), (3, 0.9), (12, 1.0), (5, 1.3)], 0),
    ("chart-count-ihi.svg", "COUNT under IHI: c chart, a shift (concern), then a trend down",
     "COUNT", "IHI", "DECREASE", [9, 11, 8, 10, 12, 9, 10, 11, 9, 8, 7, 5, 4, 10], 0),
]


def readings(rows, baseline: int) -> list[charts.Reading]:
    out = []
    for i, row in enumerate(rows):
        at = T0 + timedelta(weeks=i)
        if isinstance(row, tuple):
            out.append(charts.Reading(at, row[0] / row[1], row[0], row[1], baseline=i < baseline))
        else:
            out.append(charts.Reading(at, float(row), baseline=i < baseline))
    return out


def svg(title: str, chart: charts.Chart) -> str:
    values = [p.reading.value for p in chart.points]
    limits = [v for p in chart.points for v in (p.lower_limit, p.upper_limit) if v is not None]
    low, high = min(values + limits), max(values + limits)
    span = (high - low) or 1

    def x(i):
        return PAD + i * (W - 2 * PAD) / max(len(values) - 1, 1)

    def y(v):
        return H - PAD - (v - low) / span * (H - 2 * PAD)

    def line(pick, dash, colour):
        pts = " ".join(f"{x(i):.1f},{y(pick(p)):.1f}" for i, p in enumerate(chart.points)
                       if pick(p) is not None)
        return (f'<polyline points="{pts}" fill="none" stroke="{colour}" '
                f'stroke-dasharray="{dash}" stroke-width="1.5"/>')

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
             f'viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">',
             f'<rect width="{W}" height="{H}" fill="white"/>',
             f'<text x="{PAD}" y="20" font-weight="bold">{title}</text>',
             line(lambda p: p.centre_line, "6 4", "#5b6478"),
             line(lambda p: p.upper_limit, "3 3", "#98a2b3"),
             line(lambda p: p.lower_limit, "3 3", "#98a2b3"),
             line(lambda p: p.reading.value, "", "#0b5cad")]
    for i, p in enumerate(chart.points):
        r = 3 if p.classification == charts.COMMON else 5
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(p.reading.value):.1f}" r="{r}" '
                     f'fill="{COLOURS[p.classification]}"/>')
    kinds = ", ".join(dict.fromkeys(s.kind for s in chart.signals)) or "no signal"
    parts.append(f'<text x="{PAD}" y="{H - 10}" fill="#5b6478">signals: {kinds}; '
                 'blue improvement, orange concern, dashed centre line and limits</text>')
    return "\n".join(parts + ["</svg>", ""])


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, title, kind, rules, direction, rows, baseline in EXAMPLES:
        chart = charts.build(kind, rules, readings(rows, baseline), direction)
        (out / name).write_text(svg(title, chart))
        print(f"wrote {out / name}: {[s.kind for s in chart.signals]}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/images")
