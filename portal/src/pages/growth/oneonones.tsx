/** One-on-ones: my meetings as manager or report, and one meeting's page: the shared
 * running agenda either side adds to, notes private to their author or shared, and action
 * items with an owner that carry forward until done. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { NoteVisibility, OneOnOnePageQuery } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useQuery } from "../../api/useQuery";
import { hasRole } from "../../api/session";
import { useSubmit } from "../../api/useSubmit";
import {
  Empty,
  ErrorNote,
  Field,
  FormErrors,
  Loading,
  PageTitle,
  SelectField,
  when,
} from "../../components/ui";
import { href } from "../../router";
import { GrowthNav } from "./nav";
import { ScheduleOneOnOnes } from "./schedule";

const LIST = graphql(`
  query OneOnOneList {
    me {
      id
      team
    }
    oneOnOnes {
      id
      scheduledAt
      everyDays
      manager {
        id
        name
      }
      report {
        id
        name
      }
    }
  }
`);

const PAGE = graphql(`
  query OneOnOnePage($id: ID!) {
    me {
      id
    }
    oneOnOne(id: $id) {
      id
      scheduledAt
      everyDays
      manager {
        id
        name
      }
      report {
        id
        name
      }
      talkingPoints {
        id
        text
        checkInId
        author {
          name
        }
      }
      notes {
        id
        body
        visibility
        createdAt
        author {
          name
        }
      }
      actionItems {
        id
        text
        done
        owner {
          id
          name
        }
      }
    }
  }
`);

const ADD_POINT = graphql(`
  mutation AddTalkingPoint($id: ID!, $text: String!) {
    addTalkingPoint(oneOnOneId: $id, text: $text) {
      __typename
      ... on TalkingPoint {
        id
      }
      ...Refusal
    }
  }
`);

const ADD_NOTE = graphql(`
  mutation AddOneOnOneNote($id: ID!, $body: String!, $visibility: NoteVisibility!) {
    addOneOnOneNote(oneOnOneId: $id, body: $body, visibility: $visibility) {
      __typename
      ... on OneOnOneNote {
        id
      }
      ...Refusal
    }
  }
`);

const ADD_ITEM = graphql(`
  mutation AddOneOnOneActionItem($id: ID!, $text: String!, $owner: ID!) {
    addActionItem(oneOnOneId: $id, text: $text, ownerId: $owner) {
      __typename
      ... on ActionItem {
        id
      }
      ...Refusal
    }
  }
`);

const COMPLETE_ITEM = graphql(`
  mutation CompleteOneOnOneActionItem($id: ID!) {
    completeActionItem(id: $id) {
      __typename
      ... on ActionItem {
        id
      }
      ...Refusal
    }
  }
`);

export function OneOnOneList() {
  const { data, error, loading, reload } = useQuery(LIST, {});
  const me = data?.me?.id;
  const manager = hasRole("manager");
  return (
    <>
      <PageTitle>One-on-ones</PageTitle>
      <GrowthNav current="one-on-ones" />
      {loading && !data && <Loading what="one-on-ones" />}
      <ErrorNote message={error} />
      {data && !data.oneOnOnes.length && (
        <Empty>
          {manager
            ? "No one-on-ones yet: schedule them with your reports below."
            : "No one-on-ones yet: your manager plans them."}
        </Empty>
      )}
      <ul class="plain">
        {data?.oneOnOnes.map((m) => {
          const other = m.manager?.id === me ? m.report : m.manager;
          return (
            <li key={m.id}>
              <a href={href("growth", "one-on-ones", m.id)}>
                {when(m.scheduledAt)} with {other?.name ?? "someone"}
              </a>{" "}
              <span class="muted">every {m.everyDays} days</span>
            </li>
          );
        })}
      </ul>
      {manager && me && (
        <ScheduleOneOnOnes meId={me} team={data?.me?.team ?? null} onScheduled={reload} />
      )}
    </>
  );
}

type Meeting = NonNullable<OneOnOnePageQuery["oneOnOne"]>;

export function OneOnOnePage({ id }: { id: string }) {
  const { data, error, loading, reload } = useQuery(PAGE, { id });
  const meeting = data?.oneOnOne;
  return (
    <>
      <PageTitle>
        {meeting
          ? `One-on-one of ${meeting.manager?.name ?? "a manager"} and ${meeting.report?.name ?? "a report"}`
          : "One-on-one"}
      </PageTitle>
      <GrowthNav current="one-on-ones" />
      {loading && !data && <Loading what="the one-on-one" />}
      <ErrorNote message={error} />
      {data && !meeting && <Empty>No one-on-one of yours has this id.</Empty>}
      {meeting && (
        <>
          <p class="meta">{when(meeting.scheduledAt)}</p>
          <Agenda meeting={meeting} onChange={reload} />
          <Notes meeting={meeting} onChange={reload} />
          <ActionItems meeting={meeting} onChange={reload} />
        </>
      )}
    </>
  );
}

function Agenda({ meeting, onChange }: { meeting: Meeting; onChange: () => void }) {
  const [text, setText] = useState("");
  const { errors, busy, run } = useSubmit();
  function submit(e: Event) {
    e.preventDefault();
    void run(
      async () => (await request(ADD_POINT, { id: meeting.id, text })).addTalkingPoint,
      "TalkingPoint",
      () => {
        setText("");
        onChange();
      },
    );
  }
  return (
    <section class="panel" aria-labelledby="agenda-h">
      <h2 id="agenda-h">Agenda</h2>
      {!meeting.talkingPoints.length && <Empty>Nothing on the agenda yet.</Empty>}
      <ul class="agenda">
        {meeting.talkingPoints.map((p) => (
          <li key={p.id}>
            {p.text} <span class="muted">({p.author?.name ?? "someone"})</span>
          </li>
        ))}
      </ul>
      <form class="inline" onSubmit={submit} noValidate>
        <Field label="Talking point" name="text" value={text} onInput={setText} errors={errors} />
        <button type="submit" disabled={busy}>
          Add to the agenda
        </button>
      </form>
      <FormErrors errors={errors} shown={["text"]} />
    </section>
  );
}

function Notes({ meeting, onChange }: { meeting: Meeting; onChange: () => void }) {
  const [body, setBody] = useState("");
  const [visibility, setVisibility] = useState<NoteVisibility>("PRIVATE");
  const { errors, busy, run } = useSubmit();
  function submit(e: Event) {
    e.preventDefault();
    void run(
      async () => (await request(ADD_NOTE, { id: meeting.id, body, visibility })).addOneOnOneNote,
      "OneOnOneNote",
      () => {
        setBody("");
        onChange();
      },
    );
  }
  return (
    <section class="panel" aria-labelledby="notes-h">
      <h2 id="notes-h">Notes</h2>
      <ul class="comments">
        {meeting.notes.map((n) => (
          <li key={n.id} class="note">
            <span class={`badge visibility-${n.visibility.toLowerCase()}`}>
              {n.visibility === "PRIVATE" ? "Private: only me" : "Shared"}
            </span>{" "}
            <strong>{n.author?.name ?? "Someone"}</strong>: {n.body}
          </li>
        ))}
      </ul>
      <form class="stack" onSubmit={submit} noValidate>
        <Field label="Note" name="body" value={body} onInput={setBody} errors={errors} multiline />
        <fieldset class="choice">
          <legend>Who reads it</legend>
          <label>
            <input
              type="radio"
              name="note-visibility"
              checked={visibility === "PRIVATE"}
              onChange={() => setVisibility("PRIVATE")}
            />
            Only me
          </label>
          <label>
            <input
              type="radio"
              name="note-visibility"
              checked={visibility === "SHARED"}
              onChange={() => setVisibility("SHARED")}
            />
            Both of us
          </label>
        </fieldset>
        <FormErrors errors={errors} shown={["body"]} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            {visibility === "PRIVATE" ? "Save private note" : "Share note"}
          </button>
        </div>
      </form>
    </section>
  );
}

function ActionItems({ meeting, onChange }: { meeting: Meeting; onChange: () => void }) {
  const people: [string, string][] = [meeting.report, meeting.manager]
    .filter((p): p is NonNullable<typeof p> => Boolean(p))
    .map((p) => [p.id, p.name]);
  const [text, setText] = useState("");
  const [owner, setOwner] = useState(people[0]?.[0] ?? "");
  const { errors, busy, run } = useSubmit();
  function submit(e: Event) {
    e.preventDefault();
    void run(
      async () => (await request(ADD_ITEM, { id: meeting.id, text, owner })).addActionItem,
      "ActionItem",
      () => {
        setText("");
        onChange();
      },
    );
  }
  function complete(id: string) {
    void run(
      async () => (await request(COMPLETE_ITEM, { id })).completeActionItem,
      "ActionItem",
      onChange,
    );
  }
  return (
    <section class="panel" aria-labelledby="items-h">
      <h2 id="items-h">Action items</h2>
      {!meeting.actionItems.length && <Empty>No action items.</Empty>}
      <ul class="plain">
        {meeting.actionItems.map((item) => (
          <li key={item.id} class="action-item">
            {item.text} <span class="muted">({item.owner?.name ?? "someone"})</span>{" "}
            {item.done ? (
              <span class="badge">Done</span>
            ) : (
              <button
                type="button"
                class="link"
                disabled={busy}
                aria-label={`Mark “${item.text}” done`}
                onClick={() => complete(item.id)}
              >
                Mark done
              </button>
            )}
          </li>
        ))}
      </ul>
      <form class="stack" onSubmit={submit} noValidate>
        <Field label="Action item" name="text" value={text} onInput={setText} errors={errors} />
        <SelectField
          label="Owner"
          name="ownerId"
          value={owner}
          onChange={setOwner}
          options={people}
          errors={errors}
        />
        <FormErrors errors={errors} shown={["text", "ownerId"]} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            Add action item
          </button>
        </div>
      </form>
    </section>
  );
}
