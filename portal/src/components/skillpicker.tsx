/** Skill autocomplete over the taxonomy (`skills(search)`): an ARIA combobox. Arrow keys
 * move through the suggestions, Enter picks one (or the typed text, a custom skill), Escape
 * closes the list. */
import { useId, useState } from "preact/hooks";
import { graphql } from "../../generated";
import { useDebounced, useQuery } from "../api/useQuery";

const SKILLS = graphql(`
  query SkillSearch($search: String!) {
    skills(search: $search, first: 8) {
      id
      name
      custom
    }
  }
`);

interface Props {
  label: string;
  onPick: (name: string) => void;
  hint?: string;
  error?: string;
}

export function SkillPicker({ label, onPick, hint, error }: Props) {
  const id = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useDebounced(text.trim(), 200);
  const { data, loading } = useQuery(SKILLS, { search }, search.length < 2);
  const options = search.length >= 2 ? (data?.skills ?? []) : [];
  const expanded = open && text.trim().length >= 2;

  function pick(name: string) {
    const clean = name.trim();
    if (!clean) return;
    onPick(clean);
    setText("");
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      if (!options.length) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + options.length) % options.length);
    } else if (e.key === "Enter") {
      e.preventDefault();
      pick(active >= 0 && options[active] ? options[active].name : text);
    } else if (e.key === "Escape") {
      setOpen(false);
      setActive(-1);
    }
  }

  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div class={error ? "field combo invalid" : "field combo"}>
      <label for={id}>{label}</label>
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      <div class="combo-row">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={`${id}-list`}
          aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        <button type="button" onClick={() => pick(text)} disabled={!text.trim()}>
          Add
        </button>
      </div>
      <ul id={`${id}-list`} role="listbox" aria-label={`${label}: suggestions`} hidden={!expanded}>
        {expanded && loading && options.length === 0 && (
          <li class="muted" role="presentation">
            Looking…
          </li>
        )}
        {expanded && !loading && options.length === 0 && (
          <li class="muted" role="presentation">
            No skill matches: Add keeps “{text.trim()}” as your own.
          </li>
        )}
        {options.map((skill, i) => (
          <li
            key={skill.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            class={i === active ? "active" : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(skill.name);
            }}
          >
            {skill.name}
          </li>
        ))}
      </ul>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
