/** A theme as the list and its page show it: the fields both ask for, the trend in words. */
import { graphql } from "../../../generated";

/** What the list and a theme's page both show of a theme. */
export const THEME_FACTS = graphql(`
  fragment ThemeFacts on Theme {
    id
    label
    keywords
    size
    reflectionCount
    learningCount
    unaddressed
    trend {
      last30Days
      previous30Days
    }
  }
`);

/** "12 new in 30 days, up from 4": a theme's trend in words, and its direction. */
export function trendText(t: { last30Days: number; previous30Days: number }): string {
  const change =
    t.last30Days > t.previous30Days ? "up" : t.last30Days < t.previous30Days ? "down" : "same as";
  return `${t.last30Days} new in 30 days, ${change}${change === "same as" ? "" : " from"} ${t.previous30Days} before`;
}

export function trendArrow(t: { last30Days: number; previous30Days: number }): string {
  return t.last30Days > t.previous30Days ? "↑" : t.last30Days < t.previous30Days ? "↓" : "→";
}

export function count(n: number, singular: string): string {
  return `${n} ${n === 1 ? singular : `${singular}s`}`;
}
