/** Express interest in an opportunity with a note, see where your application stands, and
 * withdraw it. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { Field, FormErrors } from "../../components/ui";
import { APPLICATION_LABELS } from "./labels";
import type { OpportunityData } from "./opportunity";

const EXPRESS = graphql(`
  mutation ExpressInterest($id: ID!, $note: String!) {
    expressInterest(opportunityId: $id, note: $note) {
      __typename
      ... on Application {
        id
      }
      ...Refusal
    }
  }
`);

const WITHDRAW = graphql(`
  mutation WithdrawInterest($id: ID!) {
    withdrawInterest(opportunityId: $id) {
      __typename
      ... on Application {
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

export function Interest({ opportunity: o, onChange }: Props) {
  const [note, setNote] = useState("");
  const submit = useSubmit();
  // For anyone but the owner, `applications` holds only their own.
  const mine = o.applications.find((a) => a.status !== "WITHDRAWN");
  if (mine) {
    const withdraw = () =>
      submit.run(
        async () => (await request(WITHDRAW, { id: o.id })).withdrawInterest,
        "Application",
        onChange,
      );
    return (
      <section class="panel" aria-labelledby="interest-h">
        <h2 id="interest-h">Your application</h2>
        <p role="status">
          <span class={`badge application-${mine.status.toLowerCase()}`}>
            {APPLICATION_LABELS[mine.status]}
          </span>
        </p>
        {mine.note && <p class="muted">Your note: “{mine.note}”</p>}
        {mine.message && <p>Owner: “{mine.message}”</p>}
        <FormErrors errors={submit.errors} shown={[]} />
        {(mine.status === "PENDING" || mine.status === "ACCEPTED") && (
          <button type="button" disabled={submit.busy} onClick={withdraw}>
            Withdraw my interest
          </button>
        )}
      </section>
    );
  }
  if (o.status === "CLOSED" || o.spotsLeft === 0) {
    return (
      <section class="panel">
        <p class="muted">This opportunity takes no new interest.</p>
      </section>
    );
  }
  function send(e: Event) {
    e.preventDefault();
    void submit.run(
      async () => (await request(EXPRESS, { id: o.id, note })).expressInterest,
      "Application",
      onChange,
    );
  }
  return (
    <form class="panel stack" onSubmit={send} noValidate aria-labelledby="interest-h">
      <h2 id="interest-h">Interested?</h2>
      <Field
        label="A note for the owner"
        name="note"
        hint="Why you, in a sentence or two (optional)"
        value={note}
        onInput={setNote}
        errors={submit.errors}
        multiline
      />
      <FormErrors errors={submit.errors} shown={["note"]} />
      <button type="submit" class="primary" disabled={submit.busy}>
        Express interest
      </button>
    </form>
  );
}
