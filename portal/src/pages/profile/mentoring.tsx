/** Mentoring requests you sent or received; as the mentor you accept or decline. */
import { graphql } from "../../../generated";
import type { Decision } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useQuery } from "../../api/useQuery";
import { useSubmit } from "../../api/useSubmit";
import { ErrorNote, FormErrors, day } from "../../components/ui";

const REQUESTS = graphql(`
  query MyMentoringRequests {
    myMentoringRequests {
      id
      skills
      message
      status
      response
      createdAt
      mentor {
        id
        name
      }
      mentee {
        id
        name
      }
    }
  }
`);

const RESPOND = graphql(`
  mutation RespondToMentoring($id: ID!, $decision: Decision!) {
    respondToMentoringRequest(id: $id, decision: $decision) {
      __typename
      ... on MentoringRequest {
        id
      }
      ...Refusal
    }
  }
`);

export function MentoringRequests({ me }: { me: string }) {
  const { data, error, reload } = useQuery(REQUESTS, {});
  const submit = useSubmit();
  const respond = (id: string, decision: Decision) =>
    submit.run(
      async () => (await request(RESPOND, { id, decision })).respondToMentoringRequest,
      "MentoringRequest",
      reload,
    );
  const items = data?.myMentoringRequests ?? [];
  return (
    <section class="panel" aria-labelledby="mentoring-h">
      <h2 id="mentoring-h">Mentoring</h2>
      <ErrorNote message={error} />
      <FormErrors errors={submit.errors} shown={[]} />
      {data && items.length === 0 && (
        <p class="muted">No mentoring requests yet. Offer mentoring in your skills on this page.</p>
      )}
      <ul class="plain" aria-label="Mentoring requests">
        {items.map((r) => {
          const mine = r.mentor?.id === me;
          const other = mine ? r.mentee?.name : r.mentor?.name;
          return (
            <li key={r.id}>
              {mine ? `${other} asks you` : `You asked ${other}`} about {r.skills.join(", ")}{" "}
              <span class="badge">{r.status.toLowerCase()}</span>{" "}
              <span class="muted">{day(r.createdAt)}</span>
              {r.message && <p class="muted">“{r.message}”</p>}
              {mine && r.status === "PENDING" && (
                <div class="actions">
                  <button
                    type="button"
                    disabled={submit.busy}
                    aria-label={`Accept ${other}'s request`}
                    onClick={() => respond(r.id, "ACCEPT")}
                  >
                    Accept
                  </button>
                  <button
                    type="button"
                    disabled={submit.busy}
                    aria-label={`Decline ${other}'s request`}
                    onClick={() => respond(r.id, "DECLINE")}
                  >
                    Decline
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
