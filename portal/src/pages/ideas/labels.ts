import type { IdeaOrder, IdeaStatus, PriorityBand } from "../../../generated/graphql";

export const STATUS_LABELS: Record<IdeaStatus, string> = {
  SUBMITTED: "Submitted",
  IN_REVIEW: "In review",
  ACCEPTED: "Accepted",
  EXPERIMENTING: "Experimenting",
  IMPLEMENTED: "Implemented",
  DECLINED: "Declined",
  DUPLICATE: "Duplicate",
};

export const ORDER_LABELS: Record<IdeaOrder, string> = {
  NEWEST: "Newest",
  TOP_VOTED: "Top voted",
  PRIORITY: "Priority",
};

export const BAND_LABELS: Record<PriorityBand, string> = {
  QUICK_WIN: "Quick win",
  MAJOR_PROJECT: "Major project",
  FILL_IN: "Fill-in",
  THANKLESS_TASK: "Thankless task",
};

export const STATUSES = Object.keys(STATUS_LABELS) as IdeaStatus[];

/** Where a reviewer can move an idea from each status (the ideas service decides). */
export const NEXT_STATUSES: Partial<Record<IdeaStatus, IdeaStatus[]>> = {
  SUBMITTED: ["IN_REVIEW", "DECLINED"],
  IN_REVIEW: ["ACCEPTED", "DECLINED"],
  ACCEPTED: ["EXPERIMENTING", "DECLINED"],
  EXPERIMENTING: ["IMPLEMENTED", "ACCEPTED", "DECLINED"],
  DECLINED: ["IN_REVIEW"],
};

/** Statuses in which an idea still takes votes. */
export const VOTABLE: ReadonlySet<IdeaStatus> = new Set<IdeaStatus>([
  "SUBMITTED",
  "IN_REVIEW",
  "ACCEPTED",
  "EXPERIMENTING",
]);
