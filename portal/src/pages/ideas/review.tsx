/** Reviewers' tools on an idea: assess impact and effort, move it on, merge a duplicate. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { IdeaPageQuery, IdeaStatus } from "../../../generated/graphql";
import { errorsOf, request, type FieldErrors, type UserErrorResult } from "../../api/client";
import { useDebounced, useQuery } from "../../api/useQuery";
import { Field, FormErrors } from "../../components/ui";
import { NEXT_STATUSES, STATUS_LABELS } from "./labels";

type Idea = NonNullable<IdeaPageQuery["idea"]>;

const ASSESS = graphql(`
  mutation AssessIdea($id: ID!, $impact: Int!, $effort: Int!) {
    assessIdea(id: $id, impact: $impact, effort: $effort) {
      __typename
      ...Refusal
    }
  }
`);

const TRANSITION = graphql(`
  mutation TransitionIdea($id: ID!, $to: IdeaStatus!, $reason: String) {
    transitionIdea(id: $id, to: $to, reason: $reason) {
      __typename
      ...Refusal
    }
  }
`);

const MERGE = graphql(`
  mutation MergeIdea($id: ID!, $intoId: ID!) {
    mergeIdea(id: $id, intoId: $intoId) {
      __typename
      ...Refusal
    }
  }
`);

const CANDIDATES = graphql(`
  query MergeCandidates($search: String!) {
    ideas(filter: { search: $search }, first: 5) {
      edges {
        node {
          id
          title
          status
        }
      }
    }
  }
`);

interface Props {
  idea: Idea;
  onChange: () => void;
}

/** Runs a mutation; null when it succeeded (its result is the Idea), else its errors. */
async function attempt(run: () => Promise<UserErrorResult>): Promise<FieldErrors | null> {
  try {
    const result = await run();
    return result.__typename === "Idea" ? null : errorsOf(result);
  } catch (error) {
    return { "": (error as Error).message };
  }
}

export function ReviewPanel({ idea, onChange }: Props) {
  return (
    <section class="panel review" aria-labelledby="review-h">
      <h2 id="review-h">Review</h2>
      <AssessForm idea={idea} onChange={onChange} />
      <TransitionForm idea={idea} onChange={onChange} />
      {idea.status !== "DUPLICATE" && <MergeForm idea={idea} onChange={onChange} />}
    </section>
  );
}

const SCALE = ["1", "2", "3", "4", "5"];

function AssessForm({ idea, onChange }: Props) {
  const [impact, setImpact] = useState(String(idea.impact ?? 3));
  const [effort, setEffort] = useState(String(idea.effort ?? 3));
  const [errors, setErrors] = useState<FieldErrors>({});
  async function submit(e: Event) {
    e.preventDefault();
    const failed = await attempt(
      async () =>
        (await request(ASSESS, { id: idea.id, impact: Number(impact), effort: Number(effort) }))
          .assessIdea,
    );
    setErrors(failed ?? {});
    if (!failed) onChange();
  }
  return (
    <form class="inline" onSubmit={submit} aria-label="Assess">
      <Select
        label="Impact (1 to 5)"
        id="assess-impact"
        value={impact}
        options={SCALE}
        onChange={setImpact}
        error={errors.impact}
      />
      <Select
        label="Effort (1 to 5)"
        id="assess-effort"
        value={effort}
        options={SCALE}
        onChange={setEffort}
        error={errors.effort}
      />
      <button type="submit">Save assessment</button>
      <FormErrors errors={errors} shown={["impact", "effort"]} />
    </form>
  );
}

function TransitionForm({ idea, onChange }: Props) {
  const next = NEXT_STATUSES[idea.status] ?? [];
  const [to, setTo] = useState<IdeaStatus | "">(next[0] ?? "");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  if (!next.length) return <p class="muted">{STATUS_LABELS[idea.status]} is a final status.</p>;
  async function submit(e: Event) {
    e.preventDefault();
    if (!to) return;
    const failed = await attempt(
      async () =>
        (await request(TRANSITION, { id: idea.id, to, reason: reason || null })).transitionIdea,
    );
    setErrors(failed ?? {});
    if (!failed) onChange();
  }
  return (
    <form class="stack" onSubmit={submit} aria-label="Move through the workflow">
      <Select
        label="Move to"
        id="transition-to"
        value={to}
        onChange={(v) => setTo(v as IdeaStatus)}
        options={next}
        labels={STATUS_LABELS}
        error={errors.to}
      />
      <Field
        label="Reason (required to decline)"
        name="reason"
        value={reason}
        onInput={setReason}
        errors={errors}
      />
      <FormErrors errors={errors} shown={["to", "reason"]} />
      <div class="actions">
        <button type="submit">Move</button>
      </div>
    </form>
  );
}

function MergeForm({ idea, onChange }: Props) {
  const [search, setSearch] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const words = useDebounced(search.trim(), 300);
  const found = useQuery(CANDIDATES, { search: words }, !words);
  const candidates = words
    ? (found.data?.ideas.edges ?? []).filter((e) => e.node.id !== idea.id)
    : [];
  async function merge(intoId: string) {
    const failed = await attempt(
      async () => (await request(MERGE, { id: idea.id, intoId })).mergeIdea,
    );
    setErrors(failed ?? {});
    if (!failed) onChange();
  }
  return (
    <div class="stack">
      <Field
        label="Merge into: search the original idea"
        name="intoId"
        type="search"
        value={search}
        onInput={setSearch}
        errors={errors}
      />
      {words && !found.loading && candidates.length === 0 && <p class="muted">No idea matches.</p>}
      <ul class="plain">
        {candidates.map(({ node }) => (
          <li key={node.id}>
            {node.title}{" "}
            <button
              type="button"
              onClick={() => merge(node.id)}
              aria-label={`Merge this idea into ${node.title}`}
            >
              Merge into this
            </button>
          </li>
        ))}
      </ul>
      <FormErrors errors={errors} shown={["intoId"]} />
    </div>
  );
}

interface SelectProps {
  label: string;
  id: string;
  value: string;
  options: string[];
  labels?: Record<string, string>;
  onChange: (value: string) => void;
  error?: string;
}

function Select(props: SelectProps) {
  return (
    <div class={props.error ? "field invalid" : "field"}>
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.labels?.[o] ?? o}
          </option>
        ))}
      </select>
      {props.error && <p class="field-error">{props.error}</p>}
    </div>
  );
}
