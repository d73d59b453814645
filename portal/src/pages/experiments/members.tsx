/** Choose the experiment's members besides you: your team is offered first, anyone else is
 * found by name, title or e-mail. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { currentSession } from "../../api/session";
import { useDebounced, useQuery } from "../../api/useQuery";
import { Field } from "../../components/ui";

const PEOPLE = graphql(`
  query MemberCandidates($filter: EmployeeFilter, $first: Int!) {
    employees(filter: $filter, first: $first) {
      edges {
        node {
          id
          name
          title
        }
      }
    }
  }
`);

export interface Member {
  id: string;
  name: string;
}

interface Props {
  members: Member[];
  onChange: (members: Member[]) => void;
  error?: string;
}

export function MemberPicker({ members, onChange, error }: Props) {
  const me = currentSession()?.person;
  const [search, setSearch] = useState("");
  const text = useDebounced(search.trim(), 250);
  const filter = text ? { search: text } : { team: me?.team ?? null };
  const { data, loading } = useQuery(PEOPLE, { filter, first: text ? 8 : 40 });
  const chosen = new Set(members.map((m) => m.id));
  const candidates = (data?.employees.edges ?? [])
    .map((e) => e.node)
    .filter((p) => p.id !== me?.id && !chosen.has(p.id));
  return (
    <fieldset class={error ? "group invalid" : "group"}>
      <legend>Members besides you</legend>
      {members.length > 0 && (
        <ul class="skill-rows" aria-label="Chosen members">
          {members.map((m) => (
            <li key={m.id} class="skill-row">
              <span class="skill-name">{m.name}</span>
              <button
                type="button"
                class="link danger"
                aria-label={`Remove ${m.name}`}
                onClick={() => onChange(members.filter((x) => x.id !== m.id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <Field
        label="Find a colleague"
        name="memberSearch"
        type="search"
        hint={text ? undefined : "Your team is shown; type to search everyone"}
        value={search}
        onInput={setSearch}
      />
      {loading && !data ? (
        <p class="muted">Looking…</p>
      ) : candidates.length === 0 ? (
        <p class="muted">Nobody {text ? `matches “${text}”` : "else in your team"}.</p>
      ) : (
        <ul class="tags" aria-label="Colleagues to add">
          {candidates.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                aria-label={`Add ${p.name} as a member`}
                onClick={() => onChange([...members, { id: p.id, name: p.name }])}
              >
                + {p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <p class="field-error">{error}</p>}
    </fieldset>
  );
}
