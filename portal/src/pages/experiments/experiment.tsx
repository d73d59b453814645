/** One experiment: its plan, the run chart with signals explained, and recording a point. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { useSubscription } from "../../api/live";
import { useQuery } from "../../api/useQuery";
import { currentSession, hasRole } from "../../api/session";
import { RunChart } from "../../components/runchart";
import { ErrorNote, Field, FormErrors, Loading, PageTitle, day } from "../../components/ui";
import { href, hrefWith } from "../../router";
import { SimilarExperiments } from "./similar";
import { StageControls } from "./stage";

const EXPERIMENT = graphql(`
  query ExperimentPage($id: ID!) {
    experiment(id: $id) {
      id
      title
      hypothesis
      stage
      decision
      learnings
      whereElse
      startsOn
      endsOn
      owner {
        id
      }
      idea {
        id
        title
      }
      metric {
        name
        unit
        direction
        baseline
        target
      }
      runChart {
        median
        points {
          at
          value
          note
          baseline
        }
        signals {
          kind
          fromIndex
          toIndex
          description
        }
      }
      members {
        id
        name
      }
      previous {
        id
        title
      }
      followUps {
        id
        title
        stage
      }
    }
  }
`);

const RECORD = graphql(`
  mutation RecordMeasurement($id: ID!, $value: Float!, $at: DateTime!, $note: String) {
    recordMeasurement(experimentId: $id, value: $value, at: $at, note: $note) {
      __typename
      ... on Experiment {
        id
      }
      ...Refusal
    }
  }
`);

function RecordForm({ id, onRecorded }: { id: string; onRecorded: () => void }) {
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const { errors, busy, run, setErrors } = useSubmit();
  function submit(e: Event) {
    e.preventDefault();
    const number = Number(value);
    if (value.trim() === "" || !Number.isFinite(number))
      return setErrors({ value: "Enter a number." });
    void run(
      async () =>
        (
          await request(RECORD, {
            id,
            value: number,
            at: new Date().toISOString(),
            note: note || null,
          })
        ).recordMeasurement,
      "Experiment",
      () => {
        setValue("");
        setNote("");
        onRecorded();
      },
    );
  }
  return (
    <form onSubmit={submit} class="panel stack record" aria-label="Record a measurement">
      <h2>Record a measurement</h2>
      <Field
        label="Value"
        name="value"
        type="number"
        value={value}
        onInput={setValue}
        errors={errors}
        required
      />
      <Field label="Note" name="note" value={note} onInput={setNote} errors={errors} />
      <FormErrors errors={errors} shown={["value", "note"]} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Record
        </button>
      </div>
    </form>
  );
}

const STAGE_LABELS: Record<string, string> = {
  PLAN: "Plan",
  DO: "Do",
  STUDY: "Study",
  ACT: "Act",
  CONCLUDED: "Concluded",
};

const CHANGED = graphql(`
  subscription RunChartChanged($experimentId: ID!) {
    runChartChanged(experimentId: $experimentId) {
      id
    }
  }
`);

export function ExperimentPage({ id }: { id: string }) {
  const { data, error, loading, reload } = useQuery(EXPERIMENT, { id });
  useSubscription(CHANGED, { experimentId: id }, reload);
  const x = data?.experiment;
  if (loading && !data) return <Loading what="the experiment" />;
  if (!x) return <ErrorNote message={error ?? "This experiment does not exist."} />;
  const me = currentSession()?.person.id;
  const member = x.members.some((m) => m.id === me);
  const manager = hasRole("manager");
  const concluding = x.stage === "STUDY" || x.stage === "ACT";
  const mayMove = concluding ? x.owner?.id === me || manager : member || manager;
  return (
    <article>
      <p>
        <a href={href("experiments")}>← All experiments</a>
      </p>
      <PageTitle>{x.title}</PageTitle>
      <ErrorNote message={error} />
      <p class="meta">
        <span class={`badge stage-${x.stage.toLowerCase()}`}>{STAGE_LABELS[x.stage]}</span>
        <span>
          {day(x.startsOn)} – {day(x.endsOn)}
        </span>
        <span>members: {x.members.map((m) => m.name).join(", ")}</span>
        {x.idea && (
          <span>
            idea: <a href={href("ideas", x.idea.id)}>{x.idea.title}</a>
          </span>
        )}
        {x.previous && (
          <span>
            follows up: <a href={href("experiments", x.previous.id)}>{x.previous.title}</a>
          </span>
        )}
      </p>
      <div class="split">
        <div>
          <p>
            <strong>Hypothesis:</strong> {x.hypothesis}
          </p>
          <p class="muted">
            {x.metric.name} should {x.metric.direction === "INCREASE" ? "rise" : "fall"} from{" "}
            {x.metric.baseline} to {x.metric.target} {x.metric.unit}
          </p>
          <RunChart
            title={x.metric.name}
            data={{ ...x.runChart, target: x.metric.target, unit: x.metric.unit }}
          />
          {x.decision && (
            <section aria-labelledby="decision-h">
              <h2 id="decision-h">Decision: {x.decision}</h2>
              <p class="body">{x.learnings}</p>
              {x.whereElse && <p class="muted">Could apply to: {x.whereElse}</p>}
              {x.followUps.length > 0 && (
                <ul aria-label="Follow-ups">
                  {x.followUps.map((f) => (
                    <li key={f.id}>
                      Follow-up: <a href={href("experiments", f.id)}>{f.title}</a> (
                      {STAGE_LABELS[f.stage]})
                    </li>
                  ))}
                </ul>
              )}
              {x.decision === "ADAPT" && (member || manager) && (
                <p>
                  <a class="button primary" href={hrefWith({ after: x.id }, "experiments", "new")}>
                    Plan the follow-up
                  </a>
                </p>
              )}
            </section>
          )}
          {member && x.stage !== "CONCLUDED" && x.stage !== "ACT" && (
            <RecordForm id={x.id} onRecorded={reload} />
          )}
          {mayMove && <StageControls id={x.id} stage={x.stage} onChange={reload} />}
        </div>
        <aside>
          <SimilarExperiments hypothesis={x.hypothesis} exclude={x.id} />
        </aside>
      </div>
    </article>
  );
}
