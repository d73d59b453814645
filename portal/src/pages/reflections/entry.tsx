/** One of my reflections: read it, change who can read it, turn it into an idea, delete it. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { JournalQuery, Visibility } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { Field, FormErrors, when } from "../../components/ui";
import { href, navigate } from "../../router";
import { VisibilityBadge, VisibilityChoice } from "./visibility";

type Entry = JournalQuery["myReflections"]["edges"][number]["node"];

const SET_VISIBILITY = graphql(`
  mutation SetReflectionVisibility($id: ID!, $visibility: Visibility!) {
    updateReflection(id: $id, input: { visibility: $visibility }) {
      __typename
      ...Refusal
    }
  }
`);

const TURN = graphql(`
  mutation TurnReflectionIntoIdea($id: ID!, $title: String!) {
    turnReflectionIntoIdea(id: $id, title: $title) {
      __typename
      ... on ReflectionTurnedIntoIdea {
        idea {
          id
        }
      }
      ...Refusal
    }
  }
`);

const DELETE = graphql(`
  mutation DeleteReflection($id: ID!) {
    deleteReflection(id: $id) {
      __typename
      ...Refusal
    }
  }
`);

interface Props {
  entry: Entry;
  team: string;
  onChange: () => void;
}

export function ReflectionEntry({ entry, team, onChange }: Props) {
  const [visibility, setVisibility] = useState<Visibility>(entry.visibility);
  const [title, setTitle] = useState("");
  const { errors, run } = useSubmit();

  const share = () =>
    run(
      async () => (await request(SET_VISIBILITY, { id: entry.id, visibility })).updateReflection,
      "Reflection",
      onChange,
    );
  const turn = (e: Event) => {
    e.preventDefault();
    void run(
      async () => (await request(TURN, { id: entry.id, title })).turnReflectionIntoIdea,
      "ReflectionTurnedIntoIdea",
      (r) => navigate("ideas", r.idea.id),
    );
  };
  const remove = () =>
    confirm("Delete this reflection for good?") &&
    run(
      async () => (await request(DELETE, { id: entry.id })).deleteReflection,
      "DeletedReflection",
      onChange,
    );

  return (
    <li class="card reflection">
      <p class="meta">
        <time dateTime={entry.createdAt}>{when(entry.createdAt)}</time>
        <VisibilityBadge value={entry.visibility} team={team} />
        {entry.mood != null && <span>mood {entry.mood}/5</span>}
      </p>
      <p class="body">{entry.body}</p>
      {entry.tags.length > 0 && (
        <p class="tags">
          {entry.tags.map((t) => (
            <span key={t} class="tag">
              #{t}
            </span>
          ))}
        </p>
      )}
      {entry.idea && (
        <p>
          Turned into the idea <a href={href("ideas", entry.idea.id)}>{entry.idea.title}</a>
        </p>
      )}
      <details>
        <summary>Change who can read it</summary>
        <VisibilityChoice
          name={`visibility-${entry.id}`}
          value={visibility}
          team={team}
          onChange={setVisibility}
          error={errors.visibility}
        />
        <button type="button" onClick={share} disabled={visibility === entry.visibility}>
          Save
        </button>
      </details>
      {!entry.idea && (
        <details>
          <summary>Turn into an idea</summary>
          <form class="stack" onSubmit={turn} noValidate>
            <Field
              label="Idea title"
              name="title"
              value={title}
              onInput={setTitle}
              errors={errors}
            />
            <div class="actions">
              <button type="submit">Submit as an idea</button>
            </div>
          </form>
        </details>
      )}
      <FormErrors errors={errors} shown={["visibility", "title"]} />
      <p class="row">
        <button type="button" class="link danger" onClick={remove}>
          Delete
        </button>
      </p>
    </li>
  );
}
