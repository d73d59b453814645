/** Editing a goal in its place in the tree: title, description, quarter, who sees it and the
 * team goal it aligns under; only what changed is sent, and each refused field says why. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { GoalVisibility, UpdateGoalInput } from "../../../generated/graphql";
import { type FieldErrors, request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { Field, FormErrors, SelectField } from "../../components/ui";

const UPDATE_GOAL = graphql(`
  mutation UpdateGoal($id: ID!, $input: UpdateGoalInput!) {
    updateGoal(id: $id, input: $input) {
      __typename
      ... on Goal {
        id
      }
      ...Refusal
    }
  }
`);

const VISIBILITY: [GoalVisibility, string][] = [
  ["TEAM", "My team"],
  ["PRIVATE", "Me and my manager"],
  ["ORGANISATION", "Everyone"],
];

/** Who reads a goal, as setting and editing one both ask it. */
export function VisibilityField(props: {
  value: GoalVisibility;
  onChange: (value: GoalVisibility) => void;
  errors: FieldErrors;
}) {
  return (
    <SelectField
      label="Who sees it"
      name="visibility"
      value={props.value}
      onChange={(v) => props.onChange(v as GoalVisibility)}
      options={VISIBILITY}
      errors={props.errors}
    />
  );
}

export interface EditableGoal {
  id: string;
  title: string;
  description: string;
  period: string;
  visibility: GoalVisibility;
  owner?: { id: string } | null;
  parent?: { id: string } | null;
}

interface EditGoalProps {
  goal: EditableGoal;
  /** The team goals it may align under (itself excluded). */
  teamGoals: { id: string; title: string }[];
  onSaved: () => void;
  onCancel: () => void;
}

export function EditGoal({ goal, teamGoals, onSaved, onCancel }: EditGoalProps) {
  const [title, setTitle] = useState(goal.title);
  const [description, setDescription] = useState(goal.description);
  const [period, setPeriod] = useState(goal.period);
  const [visibility, setVisibility] = useState<GoalVisibility>(goal.visibility);
  const [parentId, setParentId] = useState(goal.parent?.id ?? "");
  const { errors, busy, run } = useSubmit();

  function submit(e: Event) {
    e.preventDefault();
    const input: UpdateGoalInput = {};
    if (title !== goal.title) input.title = title;
    if (description !== goal.description) input.description = description;
    if (period !== goal.period) input.period = period;
    if (visibility !== goal.visibility) input.visibility = visibility;
    if (parentId && parentId !== goal.parent?.id) input.parentId = parentId;
    void run(
      async () => (await request(UPDATE_GOAL, { id: goal.id, input })).updateGoal,
      "Goal",
      onSaved,
    );
  }

  // updateGoal moves a goal under another team goal but never out from under one
  const parents: [string, string][] = teamGoals
    .filter((g) => g.id !== goal.id)
    .map((g) => [g.id, g.title]);
  return (
    <form class="stack" onSubmit={submit} noValidate aria-label={`Edit ${goal.title}`}>
      <Field label="Title" name="title" value={title} onInput={setTitle} errors={errors} />
      <Field
        label="Description"
        name="description"
        value={description}
        onInput={setDescription}
        errors={errors}
        multiline
      />
      <Field
        label="Quarter"
        name="period"
        value={period}
        onInput={setPeriod}
        errors={errors}
        hint="Like 2026-Q4"
      />
      <VisibilityField value={visibility} onChange={setVisibility} errors={errors} />
      {goal.owner && (
        <SelectField
          label="Aligns under"
          name="parentId"
          value={parentId}
          onChange={setParentId}
          options={goal.parent ? parents : [["", "No team goal"], ...parents]}
          errors={errors}
        />
      )}
      <FormErrors
        errors={errors}
        shown={["title", "description", "period", "visibility", "parentId"]}
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Save goal
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
