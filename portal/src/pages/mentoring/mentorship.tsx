/** One mentorship, as the pair sees it: milestones, shared goals, sessions with their
 * agenda, notes and action items, and closing with a rating; a pending match is answered
 * here by the mentor. */
import { graphql } from "../../../generated";
import type { MentorshipPageQuery } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useQuery } from "../../api/useQuery";
import { useSubmit } from "../../api/useSubmit";
import { ErrorNote, FormErrors, Loading, PageTitle, day } from "../../components/ui";
import { href } from "../../router";
import { CloseMentorship } from "./close";
import { Goals } from "./goals";
import { MILESTONE_LABELS, STATUS_LABELS } from "./labels";
import { Sessions } from "./sessions";

const MENTORSHIP = graphql(`
  query MentorshipPage($id: ID!) {
    mentorship(id: $id) {
      id
      status
      stuck
      mySide
      myRating
      closedBy
      mentor {
        id
        name
      }
      mentee {
        id
        name
      }
      programme {
        id
        name
      }
      milestones {
        name
        reachedAt
      }
      goals {
        id
        title
        targetDate
        progress
        notes
        tasks {
          text
          done
        }
      }
      sessions {
        id
        at
        durationMinutes
        held
        agenda {
          id
          text
          author {
            name
          }
        }
        notes {
          id
          body
          visibility
          author {
            id
            name
          }
        }
        actionItems {
          ...ActionItemFields
        }
        carriedActionItems {
          ...ActionItemFields
        }
      }
    }
  }
  fragment ActionItemFields on ActionItem {
    id
    text
    done
    owner {
      id
      name
    }
  }
`);

const DECIDE = graphql(`
  mutation DecideMatch($id: ID!, $decision: Decision!) {
    decideMatch(id: $id, decision: $decision) {
      __typename
      ... on Mentorship {
        id
      }
      ...Refusal
    }
  }
`);

export type Mentorship = NonNullable<MentorshipPageQuery["mentorship"]>;

export function MentorshipPage({ id }: { id: string }) {
  const { data, error, loading, reload } = useQuery(MENTORSHIP, { id });
  const submit = useSubmit();
  const m = data?.mentorship;
  const decide = (decision: "ACCEPT" | "DECLINE") =>
    submit.run(
      async () => (await request(DECIDE, { id, decision })).decideMatch,
      "Mentorship",
      reload,
    );
  return (
    <>
      <p>
        <a href={href("mentoring")}>← Mentoring</a>
      </p>
      <ErrorNote message={error} />
      {loading && !data && <Loading what="the mentorship" />}
      {data && !m && <PageTitle>Mentorship not found</PageTitle>}
      {m && (
        <>
          <PageTitle>
            {m.mentor?.name} mentoring {m.mentee?.name}
          </PageTitle>
          <p class="meta">
            <span class="badge">{STATUS_LABELS[m.status]}</span>
            {m.stuck && <span class="badge status-declined">Quiet for 21 days</span>}
            {m.programme ? (
              <a href={href("mentoring", "programme", m.programme.id)}>{m.programme.name}</a>
            ) : (
              <span>Outside any programme</span>
            )}
          </p>
          <ol class="timeline" aria-label="Milestones">
            {m.milestones.map((x) => (
              <li key={x.name} class={x.reachedAt ? "reached" : "ahead"}>
                {MILESTONE_LABELS[x.name]}
                {x.reachedAt ? ` · ${day(x.reachedAt)}` : " · not yet"}
              </li>
            ))}
          </ol>
          {m.status === "PENDING" && m.mySide === "MENTOR" && (
            <div class="actions">
              <FormErrors errors={submit.errors} shown={[]} />
              <button
                type="button"
                class="primary"
                disabled={submit.busy}
                onClick={() => decide("ACCEPT")}
              >
                Accept {m.mentee?.name}
              </button>
              <button type="button" disabled={submit.busy} onClick={() => decide("DECLINE")}>
                Decline
              </button>
            </div>
          )}
          {m.status === "PENDING" && m.mySide === "MENTEE" && (
            <p class="notice" role="status">
              Waiting for {m.mentor?.name} to answer.
            </p>
          )}
          {(m.status === "ACTIVE" || m.status === "CLOSED") && (
            <>
              <Goals mentorship={m} changed={reload} />
              <Sessions mentorship={m} changed={reload} />
              <CloseMentorship mentorship={m} closed={reload} />
            </>
          )}
        </>
      )}
    </>
  );
}
