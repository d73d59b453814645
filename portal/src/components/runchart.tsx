/** A run or control chart: the points in time order, the centre line and the 3-sigma limits
 * of each part (stepped where a p or u chart follows each point's denominator), the target,
 * each point coloured by what it shows (common cause, special cause improvement or concern)
 * and every signal explained with its rule. chart.js loads only when one is shown. */
import { useEffect, useRef } from "preact/hooks";
import type { Chart } from "chart.js";

export interface RunChartPoint {
  at: string;
  value: number;
  note?: string | null;
  baseline?: boolean | null;
  numerator?: number | null;
  denominator?: number | null;
  centreLine?: number | null;
  lowerLimit?: number | null;
  upperLimit?: number | null;
  classification?: string | null;
}

export interface RunChartSignal {
  kind: string;
  rule?: string | null;
  fromIndex: number;
  toIndex: number;
  description: string;
}

export interface RunChartData {
  points: RunChartPoint[];
  median: number | null;
  centreLine?: number | null;
  kind?: string | null;
  rules?: string | null;
  target?: number | null;
  signals: RunChartSignal[];
  unit?: string | null;
}

const SIGNAL_LABELS: Record<string, string> = {
  SHIFT: "Shift",
  TREND: "Trend",
  TOO_FEW_RUNS: "Too few runs",
  TOO_MANY_RUNS: "Too many runs",
  ASTRONOMICAL: "Astronomical point",
  LONG_RUN: "Unusually long run",
  FEW_CROSSINGS: "Too few crossings",
  OUTSIDE_LIMITS: "Outside the limits",
  TWO_OF_THREE: "Two of three near a limit",
};

const CHART_NAMES: Record<string, string> = {
  MEASURE: "run chart",
  PROPORTION: "p chart",
  RATE: "u chart",
  COUNT: "c chart",
};

/** Which chart is drawn: a MEASURE read with NHS rules is an XmR chart. */
export function chartName(data: RunChartData): string {
  if (data.kind === "MEASURE" && data.rules === "NHS") return "XmR chart";
  return CHART_NAMES[data.kind ?? "MEASURE"] ?? "run chart";
}

const POINT_COLOURS: Record<string, string> = {
  SPECIAL_CAUSE_IMPROVEMENT: "#175cd3",
  SPECIAL_CAUSE_CONCERN: "#dc6803",
};

export function signalLabel(kind: string): string {
  return SIGNAL_LABELS[kind] ?? kind;
}

/** Indexes of the points inside any signal's range. */
function flagged(data: RunChartData): Set<number> {
  const inside = new Set<number>();
  for (const s of data.signals) for (let i = s.fromIndex; i <= s.toIndex; i++) inside.add(i);
  return inside;
}

async function draw(canvas: HTMLCanvasElement, data: RunChartData): Promise<Chart> {
  const {
    Chart,
    LineController,
    LineElement,
    PointElement,
    LinearScale,
    CategoryScale,
    Tooltip,
    Legend,
  } = await import("chart.js");
  Chart.register(
    LineController,
    LineElement,
    PointElement,
    LinearScale,
    CategoryScale,
    Tooltip,
    Legend,
  );
  const inside = flagged(data);
  const labels = data.points.map((p) => new Date(p.at).toLocaleDateString());
  const flat = (v: number | null | undefined) => data.points.map(() => v ?? null);
  const classified = data.points.some((p) => p.classification);
  const colour = (p: RunChartPoint, i: number) =>
    classified
      ? (POINT_COLOURS[p.classification ?? ""] ?? "#5b6478")
      : inside.has(i)
        ? "#d92d20"
        : "#0b5cad";
  const special = (p: RunChartPoint, i: number) =>
    classified ? p.classification !== "COMMON_CAUSE" : inside.has(i);
  const perPoint = (pick: (p: RunChartPoint) => number | null | undefined) =>
    data.points.map((p) => pick(p) ?? null);
  const hasLimits = data.points.some((p) => p.upperLimit != null);
  const limit = (label: string, pick: (p: RunChartPoint) => number | null | undefined) => ({
    label,
    data: perPoint(pick),
    borderColor: "#98a2b3",
    borderDash: [4, 3],
    pointRadius: 0,
    stepped: "middle" as const,
  });
  // a newer draw of the same canvas (the page reloaded while chart.js was loading) wins
  Chart.getChart(canvas)?.destroy();
  return new Chart(canvas, {
    type: "line",
    data: {
      labels,
      datasets: [
        {
          label: "Measurements",
          data: data.points.map((p) => p.value),
          borderColor: "#0b5cad",
          pointBackgroundColor: data.points.map(colour),
          pointRadius: data.points.map((p, i) => (special(p, i) ? 6 : 3)),
          tension: 0,
        },
        {
          label: data.points.some((p) => p.centreLine != null) ? "Centre line" : "Median",
          data: data.points.some((p) => p.centreLine != null)
            ? perPoint((p) => p.centreLine)
            : flat(data.median),
          borderColor: "#5b6478",
          borderDash: [6, 4],
          pointRadius: 0,
          stepped: "middle" as const,
        },
        ...(hasLimits
          ? [limit("Upper limit", (p) => p.upperLimit), limit("Lower limit", (p) => p.lowerLimit)]
          : []),
        ...(data.target != null
          ? [
              {
                label: "Target",
                data: flat(data.target),
                borderColor: "#067647",
                borderDash: [2, 3],
                pointRadius: 0,
              },
            ]
          : []),
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { position: "bottom" } },
    },
  });
}

function round(v: number | null | undefined): string {
  return v == null ? "none" : String(Number(v.toPrecision(4)));
}

export function RunChart({ data, title }: { data: RunChartData; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: Chart | null = null;
    let gone = false;
    if (canvas.current && data.points.length) {
      draw(canvas.current, data).then((c) => (gone ? c.destroy() : (chart = c)));
    }
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [data]);
  const last = data.points[data.points.length - 1];
  const limits =
    last?.upperLimit != null
      ? `, limits ${round(last.lowerLimit)} to ${round(last.upperLimit)}`
      : "";
  const summary =
    `${title}: ${chartName(data)}, ${data.points.length} points, median ${data.median ?? "none"}` +
    (data.centreLine != null ? `, centre line ${round(data.centreLine)}` : "") +
    limits +
    (data.target != null ? `, target ${data.target}` : "") +
    `, ${data.signals.length} ${data.signals.length === 1 ? "signal" : "signals"}`;
  return (
    <figure class="runchart">
      {data.points.length === 0 ? (
        <p class="state empty">No measurements yet: record the first one below.</p>
      ) : (
        <div class="chart-box">
          <canvas ref={canvas} role="img" aria-label={summary} />
        </div>
      )}
      <figcaption>
        {data.signals.length === 0 ? (
          <p class="muted">No signal yet: the variation looks like routine variation.</p>
        ) : (
          <ul class="signals" aria-label="Signals">
            {data.signals.map((s, i) => (
              <li key={i} class={`signal signal-${s.kind.toLowerCase()}`}>
                <strong>{signalLabel(s.kind)}</strong> (
                {s.fromIndex === s.toIndex
                  ? `point ${s.fromIndex + 1}`
                  : `points ${s.fromIndex + 1}–${s.toIndex + 1}`}
                ): {s.description}
                {s.rule && <small class="rule"> Rule: {s.rule}.</small>}
              </li>
            ))}
          </ul>
        )}
      </figcaption>
    </figure>
  );
}
