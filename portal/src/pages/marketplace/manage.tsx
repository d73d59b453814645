/** For the owner: the applications to accept or decline (with a message), and closing the
 * opportunity. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { Decision } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { FormErrors, day } from "../../components/ui";
import { APPLICATION_LABELS } from "./labels";
import type { OpportunityData } from "./opportunity";

const DECIDE = graphql(`
  mutation DecideApplication($id: ID!, $decision: Decision!, $message: String!) {
    decideApplication(id: $id, decision: $decision, message: $message) {
      __typename
      ... on Application {
        id
      }
      ...Refusal
    }
  }
`);

const CLOSE = graphql(`
  mutation CloseOpportunity($id: ID!) {
    closeOpportunity(id: $id) {
      __typename
      ... on Opportunity {
        id
      }
      ...Refusal
    }
  }
`);

interface Props {
  opportunity: OpportunityData;
  onChange: () => void;
}

type ApplicationData = OpportunityData["applications"][number];

export function Manage({ opportunity: o, onChange }: Props) {
  const submit = useSubmit();
  const close = () =>
    submit.run(
      async () => (await request(CLOSE, { id: o.id })).closeOpportunity,
      "Opportunity",
      onChange,
    );
  return (
    <section class="panel" aria-labelledby="manage-h">
      <h2 id="manage-h">Applications ({o.applications.length})</h2>
      {o.applications.length === 0 && <p class="muted">Nobody has expressed interest yet.</p>}
      <ul class="comments" aria-label="Applications">
        {o.applications.map((a) => (
          <ApplicationItem key={a.id} application={a} onChange={onChange} />
        ))}
      </ul>
      <FormErrors errors={submit.errors} shown={[]} />
      {o.status === "OPEN" && (
        <button type="button" class="danger" disabled={submit.busy} onClick={close}>
          Close this opportunity
        </button>
      )}
    </section>
  );
}

function ApplicationItem({
  application: a,
  onChange,
}: {
  application: ApplicationData;
  onChange: () => void;
}) {
  const [message, setMessage] = useState("");
  const submit = useSubmit();
  const who = a.applicant?.name ?? "someone";
  const decide = (decision: Decision) =>
    submit.run(
      async () => (await request(DECIDE, { id: a.id, decision, message })).decideApplication,
      "Application",
      onChange,
    );
  return (
    <li>
      <p>
        <strong>{who}</strong>{" "}
        {a.applicant?.title && <span class="muted">{a.applicant.title}</span>}{" "}
        <span class={`badge application-${a.status.toLowerCase()}`}>
          {APPLICATION_LABELS[a.status]}
        </span>{" "}
        <span class="muted">{day(a.createdAt)}</span>
      </p>
      {a.note && <p class="body">“{a.note}”</p>}
      {a.status === "PENDING" && (
        <div class="stack">
          <label>
            Message to {who}
            <input type="text" value={message} onInput={(e) => setMessage(e.currentTarget.value)} />
          </label>
          <FormErrors errors={submit.errors} shown={[]} />
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={submit.busy}
              aria-label={`Accept ${who}`}
              onClick={() => decide("ACCEPT")}
            >
              Accept
            </button>
            <button
              type="button"
              disabled={submit.busy}
              aria-label={`Decline ${who}`}
              onClick={() => decide("DECLINE")}
            >
              Decline
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
