/** The weekly check-in: plans (last week's open ones carried in, ticked when done),
 * progress, problems, a mood only you and your manager chain see, key-result updates; and
 * my past check-ins, where a problem becomes an improvement idea in one step. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { MyCheckInsQuery } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useQuery } from "../../api/useQuery";
import { useSubmit } from "../../api/useSubmit";
import { day, Empty, ErrorNote, Field, FormErrors, Loading, PageTitle } from "../../components/ui";
import { href, navigate } from "../../router";
import { CheckInBody, Mood } from "./checkinview";
import { GrowthNav, lines } from "./nav";

const CHECK_INS = graphql(`
  query MyCheckIns {
    me {
      id
    }
    checkInDraft {
      weekOf
      carriedPlans
      checkIn {
        id
      }
    }
    myCheckIns {
      id
      weekOf
      mood
      ...CheckInShown
      problems {
        index
        idea {
          id
          title
        }
      }
    }
  }
`);

const MY_KEY_RESULTS = graphql(`
  query MyKeyResults($owner: ID) {
    goals(ownerId: $owner) {
      id
      title
      keyResults {
        id
        title
        current
        target
        unit
      }
    }
  }
`);

const SUBMIT = graphql(`
  mutation SubmitCheckIn($input: SubmitCheckInInput!) {
    submitCheckIn(input: $input) {
      __typename
      ... on CheckIn {
        id
      }
      ...Refusal
    }
  }
`);

const TO_IDEA = graphql(`
  mutation TurnProblemIntoIdea($checkInId: ID!, $problemIndex: Int!) {
    turnProblemIntoIdea(checkInId: $checkInId, problemIndex: $problemIndex) {
      __typename
      ... on ProblemTurnedIntoIdea {
        idea {
          id
        }
      }
      ...Refusal
    }
  }
`);

type CheckIn = MyCheckInsQuery["myCheckIns"][number];

export function CheckInPage() {
  const { data, error, loading, reload } = useQuery(CHECK_INS, {});
  return (
    <>
      <PageTitle>Weekly check-in</PageTitle>
      <GrowthNav current="check-in" />
      {loading && !data && <Loading what="your check-ins" />}
      <ErrorNote message={error} />
      {data && (
        <CheckInForm
          key={data.checkInDraft.weekOf}
          weekOf={data.checkInDraft.weekOf}
          carried={data.checkInDraft.carriedPlans}
          again={Boolean(data.checkInDraft.checkIn)}
          meId={data.me?.id ?? null}
          onSubmitted={reload}
        />
      )}
      <h2>My check-ins</h2>
      {data && !data.myCheckIns.length && <Empty>No check-ins yet.</Empty>}
      {data?.myCheckIns.map((c) => (
        <PastCheckIn key={c.id} checkIn={c} />
      ))}
    </>
  );
}

function CheckInForm(props: {
  weekOf: string;
  carried: string[];
  again: boolean;
  meId: string | null;
  onSubmitted: () => void;
}) {
  const krs = useQuery(MY_KEY_RESULTS, { owner: props.meId }, !props.meId);
  const [done, setDone] = useState<string[]>([]);
  const [plans, setPlans] = useState("");
  const [progress, setProgress] = useState("");
  const [problems, setProblems] = useState("");
  const [mood, setMood] = useState("");
  const [moves, setMoves] = useState<Record<string, string>>({});
  const { errors, busy, run } = useSubmit();
  const [saved, setSaved] = useState(false);

  function submit(e: Event) {
    e.preventDefault();
    setSaved(false);
    const input = {
      weekOf: props.weekOf,
      plans: lines(plans),
      progress: lines(progress),
      problems: lines(problems),
      donePlans: done,
      mood: mood ? Number(mood) : null,
      keyResults: Object.entries(moves)
        .filter(([, v]) => v.trim())
        .map(([id, v]) => ({ id, current: Number(v) })),
    };
    void run(
      async () => (await request(SUBMIT, { input })).submitCheckIn,
      "CheckIn",
      () => {
        setSaved(true);
        setPlans("");
        setProgress("");
        setProblems("");
        setMoves({});
        props.onSubmitted();
      },
    );
  }

  const keyResults =
    krs.data?.goals.flatMap((g) => g.keyResults.map((kr) => ({ ...kr, goal: g.title }))) ?? [];
  return (
    <form class="stack panel" onSubmit={submit} noValidate aria-labelledby="check-in-h">
      <h2 id="check-in-h">Week of {day(props.weekOf)}</h2>
      {props.again && <p class="notice">You checked in this week; submitting again replaces it.</p>}
      {props.carried.length > 0 && (
        <fieldset class="stack">
          <legend>Carried from last week: tick what is done</legend>
          {props.carried.map((plan) => (
            <label class="check" key={plan}>
              <input
                type="checkbox"
                checked={done.includes(plan)}
                onChange={(e) =>
                  setDone(
                    e.currentTarget.checked ? [...done, plan] : done.filter((p) => p !== plan),
                  )
                }
              />
              {plan}
            </label>
          ))}
        </fieldset>
      )}
      <Field
        label="Plans"
        name="plans"
        value={plans}
        onInput={setPlans}
        errors={errors}
        multiline
        hint="One a line"
      />
      <Field
        label="Progress"
        name="progress"
        value={progress}
        onInput={setProgress}
        errors={errors}
        multiline
        hint="One a line"
      />
      <Field
        label="Problems"
        name="problems"
        value={problems}
        onInput={setProblems}
        errors={errors}
        multiline
        hint="One a line: what got in the way? Each can become an improvement idea."
      />
      <div class={errors.mood ? "field invalid" : "field"}>
        <label for="check-in-mood">Mood (only you and your manager chain see it)</label>
        <select id="check-in-mood" value={mood} onChange={(e) => setMood(e.currentTarget.value)}>
          <option value="">Not set</option>
          {["1", "2", "3", "4", "5"].map((m) => (
            <option key={m} value={m}>
              {m} of 5
            </option>
          ))}
        </select>
        {errors.mood && <p class="field-error">{errors.mood}</p>}
      </div>
      {keyResults.length > 0 && (
        <fieldset class="stack">
          <legend>Key results</legend>
          {keyResults.map((kr) => (
            <Field
              key={kr.id}
              label={`${kr.title} (${kr.goal}): now ${kr.current} of ${kr.target} ${kr.unit}`}
              name={`kr-${kr.id}`}
              value={moves[kr.id] ?? ""}
              onInput={(v) => setMoves({ ...moves, [kr.id]: v })}
              type="number"
            />
          ))}
        </fieldset>
      )}
      <FormErrors errors={errors} shown={["plans", "progress", "problems", "mood"]} />
      {saved && (
        <p class="success" role="status">
          Checked in. Your manager sees it.
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Submit check-in
        </button>
      </div>
    </form>
  );
}

function PastCheckIn({ checkIn }: { checkIn: CheckIn }) {
  return (
    <article class="panel check-in" aria-label={`Week of ${checkIn.weekOf}`}>
      <h3>
        Week of {day(checkIn.weekOf)}
        <Mood mood={checkIn.mood} />
      </h3>
      <CheckInBody
        checkIn={checkIn}
        problem={(p) => <Problem key={p.index} checkInId={checkIn.id} problem={p} />}
      />
    </article>
  );
}

function Problem({
  checkInId,
  problem,
}: {
  checkInId: string;
  problem: CheckIn["problems"][number];
}) {
  const { errors, busy, run } = useSubmit();
  function turn() {
    void run(
      async () =>
        (await request(TO_IDEA, { checkInId, problemIndex: problem.index })).turnProblemIntoIdea,
      "ProblemTurnedIntoIdea",
      (made) => navigate("ideas", made.idea.id),
    );
  }
  return (
    <li>
      {problem.text}{" "}
      {problem.idea ? (
        <a href={href("ideas", problem.idea.id)}>Became the idea “{problem.idea.title}”</a>
      ) : (
        <button type="button" class="link" disabled={busy} onClick={turn}>
          Make this an idea
        </button>
      )}
      <FormErrors errors={errors} shown={[]} />
    </li>
  );
}
