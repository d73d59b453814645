/** A mentorship's shared goals: title, target date, progress, tasks and notes (the pair
 * only); either person adds one or moves its progress. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { Empty, Field, FormErrors, day } from "../../components/ui";
import type { Mentorship } from "./mentorship";

const ADD = graphql(`
  mutation AddMentorshipGoal($mentorshipId: ID!, $input: MentorshipGoalInput!) {
    addMentorshipGoal(mentorshipId: $mentorshipId, input: $input) {
      __typename
      ... on MentorshipGoal {
        id
      }
      ...Refusal
    }
  }
`);

const UPDATE = graphql(`
  mutation UpdateMentorshipGoal($id: ID!, $input: MentorshipGoalInput!) {
    updateMentorshipGoal(id: $id, input: $input) {
      __typename
      ... on MentorshipGoal {
        id
      }
      ...Refusal
    }
  }
`);

type Goal = Mentorship["goals"][number];

export function Goals({ mentorship, changed }: { mentorship: Mentorship; changed: () => void }) {
  const open = mentorship.status === "ACTIVE";
  return (
    <section aria-labelledby="goals-h">
      <h2 id="goals-h">Goals</h2>
      {mentorship.goals.length === 0 && <Empty>No goal yet: agree on one together.</Empty>}
      <ul class="cards" aria-label="Goals">
        {mentorship.goals.map((g) => (
          <GoalCard key={g.id} goal={g} open={open} changed={changed} />
        ))}
      </ul>
      {open && <AddGoal mentorshipId={mentorship.id} added={changed} />}
    </section>
  );
}

function GoalCard({ goal, open, changed }: { goal: Goal; open: boolean; changed: () => void }) {
  const [progress, setProgress] = useState(String(goal.progress));
  const submit = useSubmit();
  function save(e: Event) {
    e.preventDefault();
    void submit.run(
      async () =>
        (await request(UPDATE, { id: goal.id, input: { progress: Number(progress) } }))
          .updateMentorshipGoal,
      "MentorshipGoal",
      changed,
    );
  }
  return (
    <li class="card">
      <h3>{goal.title}</h3>
      <p class="meta">
        <span>{goal.progress} % done</span>
        {goal.targetDate && <span>by {day(goal.targetDate)}</span>}
      </p>
      {goal.tasks && goal.tasks.length > 0 && (
        <ul class="plain" aria-label={`Tasks of ${goal.title}`}>
          {goal.tasks.map((t) => (
            <li key={t.text}>
              {t.done ? "✓" : "○"} {t.text}
            </li>
          ))}
        </ul>
      )}
      {goal.notes && <p class="muted">{goal.notes}</p>}
      {open && (
        <form class="inline" onSubmit={save} aria-label={`Progress of ${goal.title}`}>
          <Field
            label={`Progress of ${goal.title} (%)`}
            name="progress"
            type="number"
            value={progress}
            onInput={setProgress}
            errors={submit.errors}
          />
          <button type="submit" disabled={submit.busy}>
            Save progress
          </button>
          <FormErrors errors={submit.errors} shown={["progress"]} />
        </form>
      )}
    </li>
  );
}

function AddGoal({ mentorshipId, added }: { mentorshipId: string; added: () => void }) {
  const [title, setTitle] = useState("");
  const [targetDate, setTarget] = useState("");
  const [task, setTask] = useState("");
  const submit = useSubmit();
  function send(e: Event) {
    e.preventDefault();
    const input = {
      title,
      targetDate: targetDate || null,
      tasks: task.trim() ? [{ text: task.trim() }] : [],
    };
    void submit.run(
      async () => (await request(ADD, { mentorshipId, input })).addMentorshipGoal,
      "MentorshipGoal",
      () => {
        setTitle("");
        setTarget("");
        setTask("");
        added();
      },
    );
  }
  return (
    <form class="panel stack" onSubmit={send} aria-labelledby="add-goal-h">
      <h3 id="add-goal-h">Add a goal</h3>
      <Field label="Goal" name="title" value={title} onInput={setTitle} errors={submit.errors} />
      <Field
        label="Target date"
        name="targetDate"
        type="date"
        value={targetDate}
        onInput={setTarget}
        errors={submit.errors}
      />
      <Field
        label="A first task"
        name="tasks"
        value={task}
        onInput={setTask}
        errors={submit.errors}
      />
      <FormErrors errors={submit.errors} shown={["title", "targetDate", "tasks"]} />
      <div class="actions">
        <button type="submit" disabled={submit.busy}>
          Add goal
        </button>
      </div>
    </form>
  );
}
