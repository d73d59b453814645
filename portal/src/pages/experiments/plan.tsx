/** Plan an experiment: hypothesis, metric with baseline and target, dates; similar past
 * experiments show while the hypothesis is typed. "?idea=ID" plans it for an idea,
 * "?after=ID" follows up an experiment concluded with ADAPT (its metric and members are
 * taken over, and its learnings shown). */
import { useEffect, useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { MetricDirection, MetricKind, RuleSet } from "../../../generated/graphql";
import { request, type FieldErrors } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { Field, FormErrors, PageTitle, SelectField } from "../../components/ui";
import { useQuery } from "../../api/useQuery";
import { currentSession } from "../../api/session";
import { href, navigate, routeParams } from "../../router";
import { MemberPicker, type Member } from "./members";
import { SimilarExperiments } from "./similar";

const PLAN = graphql(`
  mutation PlanExperiment($input: PlanExperimentInput!) {
    planExperiment(input: $input) {
      __typename
      ... on Experiment {
        id
      }
      ...Refusal
    }
  }
`);

const IDEA = graphql(`
  query PlanForIdea($id: ID!) {
    idea(id: $id) {
      id
      title
      problem
    }
  }
`);

const PREVIOUS = graphql(`
  query PlanFollowUp($id: ID!) {
    experiment(id: $id) {
      id
      title
      decision
      learnings
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
      members {
        id
        name
      }
    }
  }
`);

const SHOWN = [
  "title",
  "hypothesis",
  "metric.name",
  "metric.unit",
  "metric.direction",
  "metric.kind",
  "rules",
  "metric.baseline",
  "metric.target",
  "startsOn",
  "endsOn",
  "memberIds",
];

function isoDay(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Numbers the browser cannot send as Float: an error per field, before any request. */
function numberErrors(values: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, value] of Object.entries(values)) {
    if (value.trim() === "" || !Number.isFinite(Number(value))) errors[field] = "Enter a number.";
  }
  return errors;
}

export function PlanExperiment() {
  const [form, setForm] = useState({
    title: "",
    hypothesis: "",
    name: "",
    unit: "",
    direction: "DECREASE",
    kind: "MEASURE",
    rules: "",
    baseline: "",
    target: "",
    startsOn: isoDay(0),
    endsOn: isoDay(28),
  });
  const [members, setMembers] = useState<Member[]>([]);
  const submit = useSubmit();
  const set = (name: keyof typeof form) => (value: string) => setForm({ ...form, [name]: value });
  const params = routeParams();
  const afterId = params.get("after");
  const previous = useQuery(PREVIOUS, { id: afterId ?? "" }, !afterId).data?.experiment;
  const ideaId = params.get("idea") ?? previous?.idea?.id ?? null;
  const idea = useQuery(IDEA, { id: ideaId ?? "" }, !ideaId).data?.idea;

  useEffect(() => {
    if (!previous) return;
    const m = previous.metric;
    setForm((f) => ({
      ...f,
      title: f.title || `${previous.title}: next try`,
      name: m.name,
      unit: m.unit,
      direction: m.direction,
      kind: m.kind,
      rules: previous.rules,
      baseline: String(m.baseline),
      target: String(m.target),
    }));
    const me = currentSession()?.person.id;
    setMembers((previous.members ?? []).filter((p) => p.id !== me));
  }, [previous?.id]);

  function send(e: Event) {
    e.preventDefault();
    const bad = numberErrors({ "metric.baseline": form.baseline, "metric.target": form.target });
    if (Object.keys(bad).length) return submit.setErrors(bad);
    const input = {
      title: form.title,
      hypothesis: form.hypothesis,
      startsOn: form.startsOn,
      endsOn: form.endsOn,
      memberIds: members.map((m) => m.id),
      ideaId,
      previousExperimentId: afterId,
      rules: form.rules ? (form.rules as RuleSet) : null,
      metric: {
        kind: form.kind as MetricKind,
        name: form.name,
        unit: form.unit,
        direction: form.direction as MetricDirection,
        baseline: Number(form.baseline),
        target: Number(form.target),
      },
    };
    void submit.run(
      async () => (await request(PLAN, { input })).planExperiment,
      "Experiment",
      (x) => navigate("experiments", x.id),
    );
  }

  const { errors } = submit;
  return (
    <>
      <p>
        <a href={href("experiments")}>← All experiments</a>
      </p>
      <PageTitle>{previous ? "Plan the follow-up" : "Plan an experiment"}</PageTitle>
      {previous && (
        <section class="notice" aria-label="Follows up">
          <p>
            Follows up <a href={href("experiments", previous.id)}>{previous.title}</a>, concluded
            with {previous.decision}. Its metric and members are filled in.
          </p>
          {previous.learnings && <p class="body">Learnings: {previous.learnings}</p>}
        </section>
      )}
      {idea && (
        <p class="notice" aria-label="For the idea">
          For the idea <a href={href("ideas", idea.id)}>{idea.title}</a>: {idea.problem}
        </p>
      )}
      <div class="split">
        <form class="stack" onSubmit={send} noValidate aria-label="Plan an experiment">
          <Field
            label="Title"
            name="title"
            value={form.title}
            onInput={set("title")}
            errors={errors}
            required
          />
          <Field
            label="Hypothesis"
            name="hypothesis"
            hint="If we change …, then … will …, because …"
            value={form.hypothesis}
            onInput={set("hypothesis")}
            errors={errors}
            multiline
            required
          />
          <fieldset class="group">
            <legend>What you measure</legend>
            <Field
              label="Metric"
              name="metric.name"
              value={form.name}
              onInput={set("name")}
              errors={errors}
              required
            />
            <Field
              label="Unit"
              name="metric.unit"
              hint="e.g. min, %, defects per shift"
              value={form.unit}
              onInput={set("unit")}
              errors={errors}
            />
            <SelectField
              label="Better is"
              name="metric.direction"
              value={form.direction}
              onChange={set("direction")}
              options={[
                ["DECREASE", "Lower (fall)"],
                ["INCREASE", "Higher (rise)"],
              ]}
              errors={errors}
            />
            <SelectField
              label="Each point is"
              name="metric.kind"
              value={form.kind}
              onChange={set("kind")}
              options={[
                ["MEASURE", "A value (run chart, XmR chart)"],
                ["PROPORTION", "Some of a whole, e.g. late of all deliveries (p chart)"],
                ["RATE", "A count per exposure, e.g. incidents per 1,000 hours (u chart)"],
                ["COUNT", "A count of events per equal period (c chart)"],
              ]}
              errors={errors}
            />
            <SelectField
              label="Rule set"
              name="rules"
              value={form.rules}
              onChange={set("rules")}
              options={[
                ["", "The organisation's default"],
                ["IHI", "IHI run-chart rules"],
                ["ANHOEJ", "Anhøj rules (qicharts2)"],
                ["NHS", "NHS Making Data Count"],
              ]}
              errors={errors}
            />
            <div class="inline align-top">
              <Field
                label="Baseline"
                name="metric.baseline"
                type="number"
                value={form.baseline}
                onInput={set("baseline")}
                errors={errors}
                required
              />
              <Field
                label="Target"
                name="metric.target"
                type="number"
                value={form.target}
                onInput={set("target")}
                errors={errors}
                required
              />
            </div>
          </fieldset>
          <div class="inline align-top">
            <Field
              label="Starts on"
              name="startsOn"
              type="date"
              value={form.startsOn}
              onInput={set("startsOn")}
              errors={errors}
              required
            />
            <Field
              label="Ends on"
              name="endsOn"
              type="date"
              value={form.endsOn}
              onInput={set("endsOn")}
              errors={errors}
              required
            />
          </div>
          <MemberPicker members={members} onChange={setMembers} error={errors.memberIds} />
          <FormErrors errors={errors} shown={SHOWN} />
          <div class="actions">
            <button type="submit" class="primary" disabled={submit.busy}>
              Plan experiment
            </button>
          </div>
        </form>
        <aside>
          <SimilarExperiments hypothesis={form.hypothesis} />
        </aside>
      </div>
    </>
  );
}
