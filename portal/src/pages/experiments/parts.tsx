/** The parts of an experiment's chart: each part's runs analysis in words, the splits the
 * team made (with their reasons) and the split the chart proposes after a long run, which a
 * member applies with a reason, never the chart by itself. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { Field, FormErrors, day } from "../../components/ui";

const SPLIT = graphql(`
  mutation SplitRunChart($id: ID!, $at: DateTime!, $reason: String!) {
    splitRunChart(experimentId: $id, at: $at, reason: $reason) {
      __typename
      ... on Experiment {
        id
      }
      ...Refusal
    }
  }
`);

const JOIN = graphql(`
  mutation RemoveRunChartSplit($id: ID!, $at: DateTime!) {
    removeRunChartSplit(experimentId: $id, at: $at) {
      __typename
      ... on Experiment {
        id
      }
      ...Refusal
    }
  }
`);

export interface Part {
  from: string;
  to: string;
  centreLine?: number | null;
  longestRun: number;
  longestRunLimit?: number | null;
  crossings: number;
  crossingsLimit?: number | null;
}

export interface Split {
  at: string;
  reason: string;
}

export interface Proposal {
  at: string;
  description: string;
}

function PartList({ parts }: { parts: Part[] }) {
  return (
    <ul class="parts muted" aria-label="Chart parts">
      {parts.map((p, i) => (
        <li key={i}>
          {parts.length > 1 && `Part ${i + 1} (${day(p.from)} – ${day(p.to)}): `}
          longest run {p.longestRun}
          {p.longestRunLimit != null && ` (more than ${p.longestRunLimit} is a signal)`},{" "}
          {p.crossings} crossings
          {p.crossingsLimit != null && ` (fewer than ${p.crossingsLimit} is a signal)`}
        </li>
      ))}
    </ul>
  );
}

function ProposedSplit({
  id,
  proposal,
  onChange,
}: {
  id: string;
  proposal: Proposal;
  onChange: () => void;
}) {
  const [reason, setReason] = useState("");
  const { errors, busy, run } = useSubmit();
  function submit(e: Event) {
    e.preventDefault();
    void run(
      async () => (await request(SPLIT, { id, at: proposal.at, reason })).splitRunChart,
      "Experiment",
      onChange,
    );
  }
  return (
    <form class="panel stack proposal" aria-label="Proposed split" onSubmit={submit}>
      <p>{proposal.description}</p>
      <Field
        label="Why the process changed"
        name="reason"
        value={reason}
        onInput={setReason}
        errors={errors}
        required
      />
      <FormErrors errors={errors} shown={["reason"]} />
      <div class="actions">
        <button type="submit" disabled={busy}>
          Split the chart on {day(proposal.at)}
        </button>
      </div>
    </form>
  );
}

export function ChartParts(props: {
  id: string;
  parts: Part[];
  splits: Split[];
  proposals: Proposal[];
  mayChange: boolean;
  onChange: () => void;
}) {
  const { errors, busy, run } = useSubmit();
  const join = (at: string) =>
    void run(
      async () => (await request(JOIN, { id: props.id, at })).removeRunChartSplit,
      "Experiment",
      props.onChange,
    );
  return (
    <section aria-label="Parts of the chart">
      {props.parts.length > 0 && <PartList parts={props.parts} />}
      {props.splits.length > 0 && (
        <ul aria-label="Splits">
          {props.splits.map((s) => (
            <li key={s.at}>
              New part from {day(s.at)}: {s.reason}{" "}
              {props.mayChange && (
                <button type="button" class="link" disabled={busy} onClick={() => join(s.at)}>
                  Join it to the part before
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormErrors errors={errors} shown={[]} />
      {props.mayChange &&
        props.proposals.map((p) => (
          <ProposedSplit key={p.at} id={props.id} proposal={p} onChange={props.onChange} />
        ))}
    </section>
  );
}
