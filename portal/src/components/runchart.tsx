/** A run chart: the points in time order, the median (centre line), the target, and each
 * signal's points highlighted with its explanation. chart.js loads only when one is shown. */
import { useEffect, useRef } from "preact/hooks";
import type { Chart } from "chart.js";

export interface RunChartPoint {
  at: string;
  value: number;
  note?: string | null;
  baseline?: boolean | null;
}

export interface RunChartSignal {
  kind: string;
  fromIndex: number;
  toIndex: number;
  description: string;
}

export interface RunChartData {
  points: RunChartPoint[];
  median: number | null;
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
  return new Chart(canvas, {
    type: "line",
    data: {
      labels,
      datasets: [
        {
          label: "Measurements",
          data: data.points.map((p) => p.value),
          borderColor: "#0b5cad",
          pointBackgroundColor: data.points.map((_, i) => (inside.has(i) ? "#d92d20" : "#0b5cad")),
          pointRadius: data.points.map((_, i) => (inside.has(i) ? 6 : 3)),
          tension: 0,
        },
        {
          label: "Median",
          data: flat(data.median),
          borderColor: "#5b6478",
          borderDash: [6, 4],
          pointRadius: 0,
        },
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
  const summary =
    `${title}: ${data.points.length} points, median ${data.median ?? "none"}` +
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
              </li>
            ))}
          </ul>
        )}
      </figcaption>
    </figure>
  );
}
