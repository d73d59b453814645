/** Skills with a level each (1 beginner … 5 expert), added through the taxonomy
 * autocomplete; opportunities also mark a skill required or nice to have. A name that is
 * no ESCO skill's label or synonym is kept as the person's own (custom) skill, never
 * swapped for another: the row says so and offers the close ESCO skills to pick instead. */
import { graphql } from "../../generated";
import type { FieldErrors } from "../api/client";
import { useQuery } from "../api/useQuery";
import { SkillPicker } from "./skillpicker";

const MATCHES = graphql(`
  query SkillMatches($names: [String!]!) {
    skillMatches(names: $names) {
      name
      skill {
        name
      }
      closeMatches {
        id
        name
      }
    }
  }
`);

export interface SkillEntry {
  name: string;
  level: number;
  required?: boolean;
}

export const LEVELS: [number, string][] = [
  [1, "1 · beginner"],
  [2, "2 · basic"],
  [3, "3 · good"],
  [4, "4 · strong"],
  [5, "5 · expert"],
];

interface Props {
  legend: string;
  field: string;
  skills: SkillEntry[];
  onChange: (skills: SkillEntry[]) => void;
  errors: FieldErrors;
  withRequired?: boolean;
}

/** Errors of `field` and of its items ("skills[2].level"), in the order given. */
function errorsFor(field: string, errors: FieldErrors): string[] {
  return Object.entries(errors)
    .filter(([key]) => key === field || key.startsWith(`${field}[`))
    .map(([key, message]) => (key === field ? message : `${key}: ${message}`));
}

export function SkillList({ legend, field, skills, onChange, errors, withRequired }: Props) {
  const problems = errorsFor(field, errors);
  const names = skills.map((s) => s.name);
  const { data } = useQuery(MATCHES, { names }, names.length === 0);
  const custom = new Map(
    (data?.skillMatches ?? []).filter((m) => !m.skill).map((m) => [m.name, m.closeMatches]),
  );
  const update = (i: number, change: Partial<SkillEntry>) =>
    onChange(skills.map((s, j) => (j === i ? { ...s, ...change } : s)));
  function add(name: string) {
    if (skills.some((s) => s.name.toLowerCase() === name.toLowerCase())) return;
    onChange([...skills, { name, level: 3, ...(withRequired ? { required: true } : {}) }]);
  }
  return (
    <fieldset class={problems.length ? "group invalid" : "group"}>
      <legend>{legend}</legend>
      {skills.length === 0 ? (
        <p class="muted">No skills yet.</p>
      ) : (
        <ul class="skill-rows" aria-label={legend}>
          {skills.map((s, i) => (
            <li key={s.name} class="skill-row">
              <span class="skill-name">{s.name}</span>
              <label>
                <span class="sr-only">Level of {s.name}</span>
                <select
                  value={String(s.level)}
                  onChange={(e) => update(i, { level: Number(e.currentTarget.value) })}
                >
                  {LEVELS.map(([value, label]) => (
                    <option key={value} value={String(value)}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
              {withRequired && (
                <label class="check">
                  <input
                    type="checkbox"
                    checked={s.required !== false}
                    onChange={(e) => update(i, { required: e.currentTarget.checked })}
                  />
                  required
                </label>
              )}
              <button
                type="button"
                class="link danger"
                aria-label={`Remove ${s.name}`}
                onClick={() => onChange(skills.filter((_, j) => j !== i))}
              >
                Remove
              </button>
              {custom.has(s.name) && (
                <div class="skill-close" role="group" aria-label={`ESCO skills like ${s.name}`}>
                  <span class="muted">Not an ESCO skill: kept as your own.</span>
                  {(custom.get(s.name) ?? []).length > 0 && <span>Did you mean</span>}
                  {(custom.get(s.name) ?? []).map((m) => (
                    <button
                      type="button"
                      class="link"
                      key={m.id}
                      disabled={skills.some((o) => o.name.toLowerCase() === m.name.toLowerCase())}
                      onClick={() => update(i, { name: m.name })}
                    >
                      {m.name}
                    </button>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <SkillPicker label="Add a skill" hint="Type two letters for suggestions" onPick={add} />
      {problems.map((p) => (
        <p key={p} class="field-error">
          {p}
        </p>
      ))}
    </fieldset>
  );
}
