/** Closing a mentorship: each side leaves a rating (1–5) and a short reflection once; the
 * first side ends it. The mentee may also keep the reflection in their private journal. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { Field, FormErrors, SelectField } from "../../components/ui";
import type { Mentorship } from "./mentorship";

const CLOSE = graphql(`
  mutation CloseMentorship($id: ID!, $rating: Int!, $reflection: String!, $toJournal: Boolean!) {
    closeMentorship(id: $id, rating: $rating, reflection: $reflection, toJournal: $toJournal) {
      __typename
      ... on Mentorship {
        id
      }
      ...Refusal
    }
  }
`);

const RATINGS: [string, string][] = [
  ["5", "5 – excellent"],
  ["4", "4"],
  ["3", "3"],
  ["2", "2"],
  ["1", "1 – poor"],
];

export function CloseMentorship({
  mentorship,
  closed,
}: {
  mentorship: Mentorship;
  closed: () => void;
}) {
  const [rating, setRating] = useState("5");
  const [reflection, setReflection] = useState("");
  const [toJournal, setToJournal] = useState(false);
  const submit = useSubmit();
  if (mentorship.myRating != null) {
    return (
      <p class="notice" role="status">
        You rated this mentorship {mentorship.myRating} of 5.
      </p>
    );
  }
  function send(e: Event) {
    e.preventDefault();
    const vars = { id: mentorship.id, rating: Number(rating), reflection, toJournal };
    void submit.run(async () => (await request(CLOSE, vars)).closeMentorship, "Mentorship", closed);
  }
  const ended = mentorship.status === "CLOSED";
  return (
    <form class="panel stack" onSubmit={send} aria-labelledby="close-h">
      <h2 id="close-h">{ended ? "Rate the mentorship" : "Close the mentorship"}</h2>
      <SelectField
        label="Your rating"
        name="rating"
        value={rating}
        onChange={setRating}
        options={RATINGS}
        errors={submit.errors}
      />
      <Field
        label="A short reflection"
        name="reflection"
        value={reflection}
        onInput={setReflection}
        errors={submit.errors}
        multiline
      />
      {mentorship.mySide === "MENTEE" && (
        <label class="check">
          <input
            type="checkbox"
            checked={toJournal}
            onChange={(e) => setToJournal(e.currentTarget.checked)}
          />
          Keep it as a private reflection in my journal
        </label>
      )}
      <FormErrors errors={submit.errors} shown={["rating", "reflection"]} />
      <div class="actions">
        <button type="submit" class={ended ? "primary" : "danger"} disabled={submit.busy}>
          {ended ? "Leave my rating" : "Close with my rating"}
        </button>
      </div>
    </form>
  );
}
