/** Goals: the team's goals as a tree of alignment, each with its key results' progress
 * (moved here), and a form to set a goal under a team goal. */
import { useEffect, useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { GoalVisibility, TeamGoalsQuery } from "../../../generated/graphql";
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
} from "../../components/ui";
import { EditGoal, VisibilityField } from "./goaledit";
import { GrowthNav, Progress } from "./nav";

const GOALS = graphql(`
  query TeamGoals($team: String) {
    me {
      id
      team
    }
    goals(teamId: $team) {
      id
      title
      description
      period
      visibility
      progress
      teamId
      owner {
        id
        name
      }
      parent {
        id
      }
      keyResults {
        id
        title
        start
        target
        current
        unit
        progress
      }
    }
  }
`);

const SET_GOAL = graphql(`
  mutation SetGoal($input: SetGoalInput!) {
    setGoal(input: $input) {
      __typename
      ... on Goal {
        id
      }
      ...Refusal
    }
  }
`);

const UPDATE_KR = graphql(`
  mutation UpdateKeyResult($id: ID!, $current: Float!, $note: String!) {
    updateKeyResult(id: $id, current: $current, note: $note) {
      __typename
      ... on Goal {
        id
        progress
      }
      ...Refusal
    }
  }
`);

type Goal = TeamGoalsQuery["goals"][number];

export function Goals() {
  const [team, setTeam] = useState<string | null>(null);
  const { data, error, loading, reload } = useQuery(GOALS, { team });
  const myTeam = data?.me?.team ?? null;
  useEffect(() => {
    if (team === null && myTeam) setTeam(myTeam);
  }, [team, myTeam]);
  const goals = data?.goals ?? [];
  const ids = new Set(goals.map((g) => g.id));
  const roots = goals.filter((g) => !g.parent || !ids.has(g.parent.id));
  const childrenOf = (id: string) => goals.filter((g) => g.parent?.id === id);
  const teamGoals = goals.filter((g) => !g.owner);

  return (
    <>
      <PageTitle>Goals{myTeam ? ` of ${myTeam}` : ""}</PageTitle>
      <GrowthNav current="goals" />
      {loading && !data && <Loading what="goals" />}
      <ErrorNote message={error} />
      {data && !goals.length && <Empty>No goals yet for this quarter.</Empty>}
      <ul class="tree" aria-label="Goals and what aligns under them">
        {roots.map((g) => (
          <GoalNode
            key={g.id}
            goal={g}
            childrenOf={childrenOf}
            meId={data?.me?.id}
            teamGoals={teamGoals}
            onMoved={reload}
          />
        ))}
      </ul>
      <SetGoalForm team={myTeam} teamGoals={teamGoals} onSet={reload} />
    </>
  );
}

function GoalNode(props: {
  goal: Goal;
  childrenOf: (id: string) => Goal[];
  meId?: string;
  teamGoals: Goal[];
  onMoved: () => void;
}) {
  const { goal } = props;
  const children = props.childrenOf(goal.id);
  const mine = goal.owner?.id === props.meId;
  const [editing, setEditing] = useState(false);
  // the service decides (a person's managers, a team's manager); managers get the button
  const mayEdit = mine || hasRole("manager");
  return (
    <li class="goal">
      <article class="panel" aria-label={goal.title}>
        <div class="title-row">
          <h2>{goal.title}</h2>
          <Progress value={goal.progress} label={`Progress of ${goal.title}`} />
          {mayEdit && !editing && (
            <button
              type="button"
              class="link"
              aria-label={`Edit ${goal.title}`}
              onClick={() => setEditing(true)}
            >
              Edit
            </button>
          )}
        </div>
        <p class="meta">
          {goal.owner ? goal.owner.name : `Team ${goal.teamId}`} · {goal.period} ·{" "}
          <span class="badge">{goal.visibility.toLowerCase()}</span>
        </p>
        {goal.description && <p>{goal.description}</p>}
        {editing && (
          <EditGoal
            goal={goal}
            teamGoals={props.teamGoals}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              props.onMoved();
            }}
          />
        )}
        <ul class="key-results">
          {goal.keyResults.map((kr) => (
            <li key={kr.id}>
              <span>
                {kr.title}: {kr.current} {kr.unit} (from {kr.start} to {kr.target})
              </span>
              <Progress value={kr.progress} label={`Progress of ${kr.title}`} />
              {mine && <MoveKeyResult id={kr.id} title={kr.title} onMoved={props.onMoved} />}
            </li>
          ))}
        </ul>
      </article>
      {children.length > 0 && (
        <ul>
          {children.map((c) => (
            <GoalNode key={c.id} {...props} goal={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

function MoveKeyResult({ id, title, onMoved }: { id: string; title: string; onMoved: () => void }) {
  const [current, setCurrent] = useState("");
  const { errors, busy, run } = useSubmit();
  function submit(e: Event) {
    e.preventDefault();
    void run(
      async () =>
        (await request(UPDATE_KR, { id, current: Number(current), note: "" })).updateKeyResult,
      "Goal",
      () => {
        setCurrent("");
        onMoved();
      },
    );
  }
  return (
    <form class="inline" onSubmit={submit} noValidate>
      <Field
        label={`Now for ${title}`}
        name="current"
        value={current}
        onInput={setCurrent}
        type="number"
        errors={errors}
      />
      <button type="submit" disabled={busy || !current}>
        Update
      </button>
      <FormErrors errors={errors} shown={["current"]} />
    </form>
  );
}

function SetGoalForm(props: { team: string | null; teamGoals: Goal[]; onSet: () => void }) {
  const [title, setTitle] = useState("");
  const [visibility, setVisibility] = useState<GoalVisibility>("TEAM");
  const [parentId, setParentId] = useState("");
  const [forTeam, setForTeam] = useState(false);
  const [krTitle, setKrTitle] = useState("");
  const [start, setStart] = useState("");
  const [target, setTarget] = useState("");
  const [unit, setUnit] = useState("");
  const { errors, busy, run } = useSubmit();
  const [saved, setSaved] = useState(false);

  function submit(e: Event) {
    e.preventDefault();
    setSaved(false);
    const keyResults = krTitle.trim()
      ? [{ title: krTitle, start: Number(start || 0), target: Number(target || 0), unit }]
      : [];
    const input = {
      title,
      visibility,
      parentId: parentId || null,
      teamId: forTeam ? props.team : null,
      keyResults,
    };
    void run(
      async () => (await request(SET_GOAL, { input })).setGoal,
      "Goal",
      () => {
        setTitle("");
        setKrTitle("");
        setStart("");
        setTarget("");
        setUnit("");
        setSaved(true);
        props.onSet();
      },
    );
  }

  return (
    <form class="stack panel" onSubmit={submit} noValidate aria-labelledby="set-goal-h">
      <h2 id="set-goal-h">Set a goal</h2>
      <Field label="Goal" name="title" value={title} onInput={setTitle} errors={errors} />
      {props.team && (
        <label class="check">
          <input
            type="checkbox"
            checked={forTeam}
            onChange={(e) => setForTeam(e.currentTarget.checked)}
          />
          A goal of the team {props.team} (managers)
        </label>
      )}
      <SelectField
        label="Aligns under"
        name="parentId"
        value={parentId}
        onChange={setParentId}
        options={[
          ["", "No team goal"],
          ...props.teamGoals.map((g): [string, string] => [g.id, g.title]),
        ]}
        errors={errors}
      />
      <VisibilityField value={visibility} onChange={setVisibility} errors={errors} />
      <fieldset class="stack">
        <legend>A key result</legend>
        <Field
          label="Key result"
          name="keyResults"
          value={krTitle}
          onInput={setKrTitle}
          errors={errors}
        />
        <div class="inline">
          <Field label="Start" name="start" value={start} onInput={setStart} type="number" />
          <Field label="Target" name="target" value={target} onInput={setTarget} type="number" />
          <Field label="Unit" name="unit" value={unit} onInput={setUnit} />
        </div>
      </fieldset>
      <FormErrors errors={errors} shown={["title", "parentId", "visibility", "keyResults"]} />
      {saved && (
        <p class="success" role="status">
          Goal set.
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Set goal
        </button>
      </div>
    </form>
  );
}
