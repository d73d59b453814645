/** Ask one of the mentors shown with a recommendation for help with the missing skills: a
 * short message, sent as a mentoring request the mentor answers on their profile page. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { Field, FormErrors } from "../../components/ui";
import { href } from "../../router";

const REQUEST = graphql(`
  mutation RequestMentoring($mentorId: ID!, $skills: [String!]!, $message: String!) {
    requestMentoring(mentorId: $mentorId, skills: $skills, message: $message) {
      __typename
      ... on MentoringRequest {
        id
      }
      ...Refusal
    }
  }
`);

interface Props {
  mentor: { id: string; name: string };
  skills: string[];
}

export function AskMentor({ mentor, skills }: Props) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState("");
  const [sent, setSent] = useState(false);
  const submit = useSubmit();
  if (sent) {
    return (
      <p class="notice" role="status">
        Request sent to {mentor.name}. Their answer shows under{" "}
        <a href={href("profile")}>Profile → Mentoring</a>.
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" class="link" onClick={() => setOpen(true)}>
        Ask {mentor.name} for mentoring
      </button>
    );
  }
  function send(e: Event) {
    e.preventDefault();
    void submit.run(
      async () =>
        (await request(REQUEST, { mentorId: mentor.id, skills, message })).requestMentoring,
      "MentoringRequest",
      () => setSent(true),
    );
  }
  return (
    <form class="panel stack" onSubmit={send} aria-label={`Ask ${mentor.name} for mentoring`}>
      <p class="muted">In: {skills.join(", ")}</p>
      <Field
        label={`Message to ${mentor.name}`}
        name="message"
        value={message}
        onInput={setMessage}
        errors={submit.errors}
        multiline
      />
      <FormErrors errors={submit.errors} shown={["message"]} />
      <div class="actions">
        <button type="submit" class="primary" disabled={submit.busy}>
          Send request
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
