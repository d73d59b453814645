/** The growth section's own links: goals, the weekly check-in, one-on-ones, kudos and, for
 * managers, the team view. */
import { hasRole } from "../../api/session";
import { href } from "../../router";

const PAGES: [string, string][] = [
  ["goals", "Goals"],
  ["check-in", "Weekly check-in"],
  ["one-on-ones", "One-on-ones"],
  ["kudos", "Kudos"],
];

export function GrowthNav({ current }: { current: string }) {
  const pages: [string, string][] = hasRole("manager") ? [...PAGES, ["team", "Team"]] : PAGES;
  return (
    <nav aria-label="Growth" class="subnav">
      <ul>
        {pages.map(([key, label]) => (
          <li key={key}>
            <a href={href("growth", key)} aria-current={current === key ? "page" : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** 0..1 as a labelled bar: "40%". */
export function Progress({ value, label }: { value: number | null | undefined; label: string }) {
  if (value === null || value === undefined) return <span class="muted">No key results yet</span>;
  const percent = Math.round(value * 100);
  return (
    <span class="progress">
      <progress max={100} value={percent} aria-label={label} />
      <span>{percent}%</span>
    </span>
  );
}

/** One entry a line: blank lines dropped. */
export function lines(text: string): string[] {
  return text
    .split("\n")
    .map((t) => t.trim())
    .filter(Boolean);
}
