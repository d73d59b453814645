/** Who may read a reflection, spelled out so nobody shares by mistake. */
import type { Visibility } from "../../../generated/graphql";

export const VISIBILITY: Record<Visibility, { label: string; readers: (team: string) => string }> =
  {
    PRIVATE: {
      label: "Only me",
      readers: () => "Private: nobody else can read it — not your team, your manager or admins.",
    },
    TEAM: {
      label: "My team",
      readers: (team) => `Shared with ${team || "your team"} and your manager.`,
    },
    ORGANIZATION: {
      label: "Everyone",
      readers: () => "Shared with everyone in the organisation.",
    },
  };

export const SAVE_LABEL: Record<Visibility, string> = {
  PRIVATE: "Save privately",
  TEAM: "Share with my team",
  ORGANIZATION: "Share with everyone",
};

interface Props {
  name: string;
  value: Visibility;
  team: string;
  onChange: (value: Visibility) => void;
  error?: string;
}

export function VisibilityChoice({ name, value, team, onChange, error }: Props) {
  return (
    <fieldset class={error ? "visibility invalid" : "visibility"}>
      <legend>Who can read this?</legend>
      {(Object.keys(VISIBILITY) as Visibility[]).map((v) => (
        <label key={v} class={v === value ? "choice chosen" : "choice"}>
          <input
            type="radio"
            name={name}
            value={v}
            checked={v === value}
            onChange={() => onChange(v)}
          />
          <span>
            <strong>{VISIBILITY[v].label}</strong> {VISIBILITY[v].readers(team)}
          </span>
        </label>
      ))}
      {error && <p class="field-error">{error}</p>}
    </fieldset>
  );
}

const BADGE: Record<Visibility, (team: string) => string> = {
  PRIVATE: () => "Private: only me",
  TEAM: (team) => `Team: ${team || "my team"}`,
  ORGANIZATION: () => "Everyone",
};

export function VisibilityBadge({ value, team }: { value: Visibility; team: string }) {
  return (
    <span class={`badge visibility-${value.toLowerCase()}`} title={VISIBILITY[value].readers(team)}>
      {BADGE[value](team)}
    </span>
  );
}
