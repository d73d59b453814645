/** One experiment: its plan, the run chart with signals explained, and recording a point. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { errorsOf, request, type FieldErrors } from "../../api/client";
import { useQuery } from "../../api/useQuery";
import { RunChart } from "../../components/runchart";
import { ErrorNote, Field, FormErrors, Loading, PageTitle } from "../../components/ui";

const EXPERIMENT = graphql(`
  query ExperimentPage($id: ID!) {
    experiment(id: $id) {
      id
      title
      hypothesis
      stage
      decision
      learnings
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
      ... on ValidationError {
        message
        field
      }
      ... on UserError {
        message
      }
    }
  }
`);

function RecordForm({ id, onRecorded }: { id: string; onRecorded: () => void }) {
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    const number = Number(value);
    if (value.trim() === "" || !Number.isFinite(number)) {
      setErrors({ value: "Enter a number." });
      return;
    }
    setBusy(true);
    try {
      const result = (
        await request(RECORD, {
          id,
          value: number,
          at: new Date().toISOString(),
          note: note || null,
        })
      ).recordMeasurement;
      if (result.__typename === "Experiment") {
        setErrors({});
        setValue("");
        setNote("");
        onRecorded();
      } else {
        setErrors(errorsOf(result));
      }
    } catch (err) {
      setErrors({ "": (err as Error).message });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} class="record" aria-label="Record a measurement">
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
      <button type="submit" disabled={busy}>
        Record
      </button>
    </form>
  );
}

export function ExperimentPage({ id }: { id: string }) {
  const { data, error, loading, reload } = useQuery(EXPERIMENT, { id });
  const x = data?.experiment;
  if (loading && !data) return <Loading what="the experiment" />;
  if (!x) return <ErrorNote message={error ?? "This experiment does not exist."} />;
  return (
    <>
      <PageTitle>{x.title}</PageTitle>
      <ErrorNote message={error} />
      <p>
        <strong>Hypothesis:</strong> {x.hypothesis}
      </p>
      <p class="muted">
        Stage {x.stage} · {x.metric.name} should{" "}
        {x.metric.direction === "INCREASE" ? "rise" : "fall"} from {x.metric.baseline} to{" "}
        {x.metric.target} {x.metric.unit} · members: {x.members.map((m) => m.name).join(", ")}
      </p>
      <RunChart
        title={x.metric.name}
        data={{ ...x.runChart, target: x.metric.target, unit: x.metric.unit }}
      />
      {x.decision && (
        <p>
          <strong>Decision:</strong> {x.decision}. {x.learnings}
        </p>
      )}
      {x.stage !== "CONCLUDED" && <RecordForm id={x.id} onRecorded={reload} />}
    </>
  );
}
