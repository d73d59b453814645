/** Inside one session: the agenda, the notes you may read, and the action items (carried
 * from earlier sessions and agreed in this one), each with its form. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { ActionItemFieldsFragment, NoteVisibility } from "../../../generated/graphql";
import { request } from "../../api/client";
import { currentSession } from "../../api/session";
import { useSubmit } from "../../api/useSubmit";
import { Field, FormErrors, SelectField } from "../../components/ui";
import type { Mentorship } from "./mentorship";

const AGENDA = graphql(`
  mutation AddAgendaItem($sessionId: ID!, $text: String!) {
    addAgendaItem(sessionId: $sessionId, text: $text) {
      __typename
      ... on MentoringSession {
        id
      }
      ...Refusal
    }
  }
`);

const NOTE = graphql(`
  mutation AddSessionNote($sessionId: ID!, $body: String!, $visibility: NoteVisibility!) {
    addSessionNote(sessionId: $sessionId, body: $body, visibility: $visibility) {
      __typename
      ... on MentoringSession {
        id
      }
      ...Refusal
    }
  }
`);

const ACTION = graphql(`
  mutation AddActionItem($sessionId: ID, $text: String!, $ownerId: ID!) {
    addActionItem(sessionId: $sessionId, text: $text, ownerId: $ownerId) {
      __typename
      ... on ActionItem {
        id
      }
      ...Refusal
    }
  }
`);

const COMPLETE = graphql(`
  mutation CompleteActionItem($id: ID!) {
    completeActionItem(id: $id) {
      __typename
      ... on ActionItem {
        id
      }
      ...Refusal
    }
  }
`);

type Session = Mentorship["sessions"][number];

interface Props {
  mentorship: Mentorship;
  session: Session;
  open: boolean;
  changed: () => void;
}

export function SessionWork({ mentorship, session, open, changed }: Props) {
  const submit = useSubmit();
  const me = currentSession()?.person.id;
  const done = (id: string) =>
    submit.run(
      async () => (await request(COMPLETE, { id })).completeActionItem,
      "ActionItem",
      changed,
    );
  const items = (label: string, list: ActionItemFieldsFragment[] | null | undefined) =>
    list && list.length > 0 ? (
      <ul class="plain" aria-label={label}>
        {list.map((i) => (
          <li key={i.id}>
            {i.done ? "✓" : "○"} {i.text} <span class="muted">({i.owner?.name})</span>{" "}
            {!i.done && open && (
              <button type="button" class="link" disabled={submit.busy} onClick={() => done(i.id)}>
                Mark “{i.text}” done
              </button>
            )}
          </li>
        ))}
      </ul>
    ) : null;
  return (
    <div class="stack">
      <h4>Agenda</h4>
      <ul class="plain" aria-label="Agenda">
        {(session.agenda ?? []).map((a) => (
          <li key={a.id}>
            {a.text} <span class="muted">({a.author?.name})</span>
          </li>
        ))}
      </ul>
      {open && !session.held && (
        <OneLine
          label="Add to the agenda"
          button="Add"
          send={(text) =>
            request(AGENDA, { sessionId: session.id, text }).then((r) => r.addAgendaItem)
          }
          done={changed}
        />
      )}
      <h4>Notes</h4>
      <ul class="plain" aria-label="Notes">
        {(session.notes ?? []).map((n) => (
          <li key={n.id}>
            <span class="badge">{n.visibility === "PRIVATE" ? "Only you" : "Shared"}</span> {n.body}{" "}
            <span class="muted">({n.author?.id === me ? "you" : n.author?.name})</span>
          </li>
        ))}
      </ul>
      {open && <AddNote sessionId={session.id} added={changed} />}
      <h4>Action items</h4>
      {items("Carried forward", session.carriedActionItems)}
      {items("Agreed in this session", session.actionItems)}
      <FormErrors errors={submit.errors} shown={[]} />
      {open && <AddActionItem mentorship={mentorship} sessionId={session.id} added={changed} />}
    </div>
  );
}

interface OneLineProps {
  label: string;
  button: string;
  send: (text: string) => Promise<{ __typename: string }>;
  done: () => void;
}

function OneLine({ label, button, send, done }: OneLineProps) {
  const [text, setText] = useState("");
  const submit = useSubmit();
  function go(e: Event) {
    e.preventDefault();
    void submit.run(
      () => send(text),
      "MentoringSession",
      () => {
        setText("");
        done();
      },
    );
  }
  return (
    <form class="inline" onSubmit={go}>
      <Field label={label} name="text" value={text} onInput={setText} errors={submit.errors} />
      <button type="submit" disabled={submit.busy}>
        {button}
      </button>
      <FormErrors errors={submit.errors} shown={["text"]} />
    </form>
  );
}

function AddNote({ sessionId, added }: { sessionId: string; added: () => void }) {
  const [body, setBody] = useState("");
  const [visibility, setVisibility] = useState<NoteVisibility>("PRIVATE");
  const submit = useSubmit();
  function send(e: Event) {
    e.preventDefault();
    void submit.run(
      async () => (await request(NOTE, { sessionId, body, visibility })).addSessionNote,
      "MentoringSession",
      () => {
        setBody("");
        added();
      },
    );
  }
  return (
    <form class="stack" onSubmit={send}>
      <Field
        label="A note"
        name="body"
        value={body}
        onInput={setBody}
        errors={submit.errors}
        multiline
      />
      <SelectField
        label="Who reads the note"
        name="visibility"
        value={visibility}
        onChange={(v) => setVisibility(v as NoteVisibility)}
        options={[
          ["PRIVATE", "Only me"],
          ["SHARED", "Both of us"],
        ]}
      />
      <FormErrors errors={submit.errors} shown={["body"]} />
      <div class="actions">
        <button type="submit" disabled={submit.busy}>
          Add note
        </button>
      </div>
    </form>
  );
}

function AddActionItem(props: { mentorship: Mentorship; sessionId: string; added: () => void }) {
  const people = [props.mentorship.mentee, props.mentorship.mentor]
    .filter((p) => p)
    .map((p) => [p?.id ?? "", p?.name ?? ""] as [string, string]);
  const [text, setText] = useState("");
  const [ownerId, setOwner] = useState(people[0]?.[0] ?? "");
  const submit = useSubmit();
  function send(e: Event) {
    e.preventDefault();
    void submit.run(
      async () =>
        (await request(ACTION, { sessionId: props.sessionId, text, ownerId })).addActionItem,
      "ActionItem",
      () => {
        setText("");
        props.added();
      },
    );
  }
  return (
    <form class="stack" onSubmit={send}>
      <div class="row">
        <Field
          label="An action item"
          name="text"
          value={text}
          onInput={setText}
          errors={submit.errors}
        />
        <SelectField
          label="Owner"
          name="ownerId"
          value={ownerId}
          onChange={setOwner}
          options={people}
        />
      </div>
      <FormErrors errors={submit.errors} shown={["text"]} />
      <div class="actions">
        <button type="submit" disabled={submit.busy}>
          Add action item
        </button>
      </div>
    </form>
  );
}
