/** Moving an experiment through PDCA: start (PLAN → DO), study (DO → STUDY), and conclude
 * with the decision and learnings (the owner or a manager). The service decides who may. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { ExperimentDecision, ExperimentStage } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { Field, FormErrors } from "../../components/ui";

const START = graphql(`
  mutation StartExperiment($id: ID!) {
    startExperiment(id: $id) {
      __typename
      ... on Experiment {
        id
      }
      ...Refusal
    }
  }
`);

const STUDY = graphql(`
  mutation StudyExperiment($id: ID!) {
    studyExperiment(id: $id) {
      __typename
      ... on Experiment {
        id
      }
      ...Refusal
    }
  }
`);

const CONCLUDE = graphql(`
  mutation ConcludeExperiment(
    $id: ID!
    $decision: ExperimentDecision!
    $learnings: String!
    $whereElse: String
  ) {
    concludeExperiment(id: $id, decision: $decision, learnings: $learnings, whereElse: $whereElse) {
      __typename
      ... on Experiment {
        id
      }
      ...Refusal
    }
  }
`);

const DECISIONS: [ExperimentDecision, string, string][] = [
  ["ADOPT", "Adopt", "it worked: make it the standard"],
  ["ADAPT", "Adapt", "promising: change it and try again"],
  ["ABANDON", "Abandon", "it did not help: stop it"],
];

interface Props {
  id: string;
  stage: ExperimentStage;
  onChange: () => void;
}

export function StageControls({ id, stage, onChange }: Props) {
  const submit = useSubmit();
  if (stage === "STUDY" || stage === "ACT") return <ConcludeForm id={id} onChange={onChange} />;
  if (stage !== "PLAN" && stage !== "DO") return null;
  const next =
    stage === "PLAN"
      ? { label: "Start the experiment", hint: "Points recorded so far form the baseline." }
      : { label: "Stop and study the results", hint: "Measurements stay open while you study." };
  function move() {
    void submit.run(
      async () =>
        stage === "PLAN"
          ? (await request(START, { id })).startExperiment
          : (await request(STUDY, { id })).studyExperiment,
      "Experiment",
      onChange,
    );
  }
  return (
    <section class="panel" aria-labelledby="stage-h">
      <h2 id="stage-h">Next step</h2>
      <p class="muted">{next.hint}</p>
      <FormErrors errors={submit.errors} shown={[]} />
      <button type="button" class="primary" disabled={submit.busy} onClick={move}>
        {next.label}
      </button>
    </section>
  );
}

function ConcludeForm({ id, onChange }: { id: string; onChange: () => void }) {
  const [decision, setDecision] = useState<ExperimentDecision | "">("");
  const [learnings, setLearnings] = useState("");
  const [whereElse, setWhereElse] = useState("");
  const submit = useSubmit();
  const { errors } = submit;
  function send(e: Event) {
    e.preventDefault();
    if (!decision) return submit.setErrors({ decision: "Choose adopt, adapt or abandon." });
    void submit.run(
      async () =>
        (
          await request(CONCLUDE, {
            id,
            decision,
            learnings,
            whereElse: whereElse.trim() || null,
          })
        ).concludeExperiment,
      "Experiment",
      onChange,
    );
  }
  return (
    <form class="panel stack" onSubmit={send} noValidate aria-labelledby="conclude-h">
      <h2 id="conclude-h">Conclude</h2>
      <fieldset
        class={errors.decision ? "visibility invalid" : "visibility"}
        aria-describedby={errors.decision ? "decision-error" : undefined}
      >
        <legend>Decision</legend>
        {DECISIONS.map(([value, label, hint]) => (
          <label key={value} class="choice">
            <input
              type="radio"
              name="decision"
              value={value}
              checked={decision === value}
              onChange={() => setDecision(value)}
            />
            <span>
              <strong>{label}</strong>: <small>{hint}</small>
            </span>
          </label>
        ))}
        {errors.decision && (
          <p class="field-error" id="decision-error">
            {errors.decision}
          </p>
        )}
      </fieldset>
      <Field
        label="Learnings"
        name="learnings"
        value={learnings}
        onInput={setLearnings}
        errors={errors}
        multiline
        required
      />
      <Field
        label="Where else could this apply?"
        name="whereElse"
        value={whereElse}
        onInput={setWhereElse}
        errors={errors}
      />
      <FormErrors errors={errors} shown={["decision", "learnings", "whereElse"]} />
      <div class="actions">
        <button type="submit" class="primary" disabled={submit.busy}>
          Conclude experiment
        </button>
      </div>
    </form>
  );
}
