import type { ApplicationStatus, OpportunityKind } from "../../../generated/graphql";

export const KIND_LABELS: Record<OpportunityKind, string> = {
  ROLE: "Role",
  PROJECT: "Project",
  GIG: "Gig",
  MENTORSHIP: "Mentorship",
};

export const APPLICATION_LABELS: Record<ApplicationStatus, string> = {
  PENDING: "Waiting for the owner",
  ACCEPTED: "Accepted",
  DECLINED: "Declined",
  WITHDRAWN: "Withdrawn",
};

export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}
