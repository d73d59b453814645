/** One experiment: its plan, the chart of its metric's kind with limits and signals
 * explained under a rule set the reader may switch, and recording a point (a value, or a
 * numerator and a denominator for a proportion or a rate). */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { useSubscription } from "../../api/live";
import { useQuery } from "../../api/useQuery";
import { currentSession, hasRole } from "../../api/session";
import { RunChart } from "../../components/runchart";
import type { RuleSet } from "../../../generated/graphql";
import {
  ErrorNote,
  Field,
  FormErrors,
  Loading,
  PageTitle,
  SelectField,
  day,
} from "../../components/ui";
import { href, hrefWith } from "../../router";
import { ChartParts } from "./parts";
import { SimilarExperiments } from "./similar";
import { StageControls } from "./stage";

const EXPERIMENT = graphql(`
  query ExperimentPage($id: ID!, $rules: RuleSet) {
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
        kind
      }
      rules
      runChart(rules: $rules) {
        kind
        rules
        median
        centreLine
        parts {
          from
          to
          centreLine
          longestRun
          longestRunLimit
          crossings
          crossingsLimit
        }
        splits {
          at
          reason
        }
        proposedSplits {
          at
          description
        }
        points {
          at
          value
          numerator
          denominator
          note
          baseline
          centreLine
          lowerLimit
          upperLimit
          classification
        }
        signals {
          kind
          rule
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
  mutation RecordMeasurement(
    $id: ID!
    $value: Float
    $numerator: Float
    $denominator: Float
    $at: DateTime!
    $note: String
  ) {
    recordMeasurement(
      experimentId: $id
      value: $value
      numerator: $numerator
      denominator: $denominator
      at: $at
      note: $note
    ) {
      __typename
      ... on Experiment {
        id
      }
      ...Refusal
    }
  }
`);

const RATIO_LABELS: Record<string, [string, string]> = {
  PROPORTION: ["Numerator (how many of them)", "Denominator (out of how many)"],
  RATE: ["Count (events)", "Exposure (e.g. hours, patient days)"],
};

/** Numbers the browser cannot send as Float: an error per field, before any request. */
function numberErrors(values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, value] of Object.entries(values)) {
    if (value.trim() === "" || !Number.isFinite(Number(value))) errors[field] = "Enter a number.";
  }
  return errors;
}

function RecordForm({
  id,
  kind,
  onRecorded,
}: {
  id: string;
  kind: string;
  onRecorded: () => void;
}) {
  const [value, setValue] = useState("");
  const [numerator, setNumerator] = useState("");
  const [denominator, setDenominator] = useState("");
  const [note, setNote] = useState("");
  const { errors, busy, run, setErrors } = useSubmit();
  const ratio = RATIO_LABELS[kind];
  function submit(e: Event) {
    e.preventDefault();
    const bad = ratio ? numberErrors({ numerator, denominator }) : numberErrors({ value });
    if (Object.keys(bad).length) return setErrors(bad);
    void run(
      async () =>
        (
          await request(RECORD, {
            id,
            value: ratio ? null : Number(value),
            numerator: ratio ? Number(numerator) : null,
            denominator: ratio ? Number(denominator) : null,
            at: new Date().toISOString(),
            note: note || null,
          })
        ).recordMeasurement,
      "Experiment",
      () => {
        setValue("");
        setNumerator("");
        setDenominator("");
        setNote("");
        onRecorded();
      },
    );
  }
  return (
    <form onSubmit={submit} class="panel stack record" aria-label="Record a measurement">
      <h2>Record a measurement</h2>
      {ratio ? (
        <div class="inline align-top">
          <Field
            label={ratio[0]}
            name="numerator"
            type="number"
            value={numerator}
            onInput={setNumerator}
            errors={errors}
            required
          />
          <Field
            label={ratio[1]}
            name="denominator"
            type="number"
            value={denominator}
            onInput={setDenominator}
            errors={errors}
            required
          />
        </div>
      ) : (
        <Field
          label="Value"
          name="value"
          type="number"
          value={value}
          onInput={setValue}
          errors={errors}
          required
        />
      )}
      <Field label="Note" name="note" value={note} onInput={setNote} errors={errors} />
      <FormErrors errors={errors} shown={["value", "numerator", "denominator", "note"]} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Record
        </button>
      </div>
    </form>
  );
}

const RULE_SETS: [string, string][] = [
  ["IHI", "IHI run-chart rules"],
  ["ANHOEJ", "Anhøj rules (qicharts2)"],
  ["NHS", "NHS Making Data Count"],
];

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
  const [rules, setRules] = useState<string | null>(null);
  const { data, error, loading, reload } = useQuery(EXPERIMENT, {
    id,
    rules: rules as RuleSet | null,
  });
  useSubscription(CHANGED, { experimentId: id }, reload);
  const x = data?.experiment;
  if (loading && !data) return <Loading what="the experiment" />;
  if (!x) return <ErrorNote message={error ?? "This experiment does not exist."} />;
  const me = currentSession()?.person.id;
  const member = (x.members ?? []).some((m) => m.id === me);
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
        <span>members: {(x.members ?? []).map((m) => m.name).join(", ")}</span>
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
          <SelectField
            label="Read the chart with"
            name="rules"
            value={x.runChart.rules}
            onChange={setRules}
            options={RULE_SETS.map(([value, label]) => [
              value,
              value === x.rules ? `${label} (this experiment's)` : label,
            ])}
          />
          <RunChart
            title={x.metric.name}
            data={{ ...x.runChart, target: x.metric.target, unit: x.metric.unit }}
          />
          <ChartParts
            id={x.id}
            parts={x.runChart.parts}
            splits={x.runChart.splits}
            proposals={x.runChart.proposedSplits}
            mayChange={member || manager}
            onChange={reload}
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
            <RecordForm id={x.id} kind={x.metric.kind} onRecorded={reload} />
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
