/** Words for the mentoring enums, and the file downloads the pages offer. */
import type { MatchStatus, MilestoneName } from "../../../generated/graphql";

export const MILESTONE_LABELS: Record<MilestoneName, string> = {
  MATCHED: "Matched",
  FIRST_SESSION: "First session held",
  FIRST_GOAL: "First goal set",
  HALFWAY: "Halfway",
  COMPLETED: "Completed",
};

export const STATUS_LABELS: Record<MatchStatus, string> = {
  PENDING: "Waiting for the mentor",
  ACTIVE: "Active",
  DECLINED: "Declined",
  CLOSED: "Closed",
};

/** A link target that downloads `text` as a file (a data: URL: nothing to revoke). */
export function fileHref(text: string, type: string): string {
  return `data:${type};charset=utf-8,${encodeURIComponent(text)}`;
}

export function percent(value: number | null | undefined): string {
  return value == null ? "–" : `${Math.round(value * 100)} %`;
}

export function figure(value: number | null | undefined): string {
  return value == null ? "–" : String(Math.round(value * 10) / 10);
}
