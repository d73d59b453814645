/** Post an opportunity: kind, title, description, the skills it asks for, hours, place,
 * dates and places; errors show next to their field. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { OpportunityKind } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { SkillList, type SkillEntry } from "../../components/skilllist";
import { Field, FormErrors, PageTitle, SelectField } from "../../components/ui";
import { href, navigate } from "../../router";
import { KIND_LABELS } from "./labels";

const POST = graphql(`
  mutation PostOpportunity($input: PostOpportunityInput!) {
    postOpportunity(input: $input) {
      __typename
      ... on Opportunity {
        id
      }
      ...Refusal
    }
  }
`);

const SHOWN = [
  "kind",
  "title",
  "description",
  "team",
  "hoursPerWeek",
  "location",
  "closesOn",
  "capacity",
];

function wholeOrNull(text: string): number | null | undefined {
  if (text.trim() === "") return null;
  const n = Number(text);
  return Number.isInteger(n) ? n : undefined;
}

export function PostOpportunity() {
  const [form, setForm] = useState({
    kind: "PROJECT",
    title: "",
    description: "",
    team: "",
    hours: "",
    location: "",
    closesOn: "",
    capacity: "1",
  });
  const [remote, setRemote] = useState(false);
  const [skills, setSkills] = useState<SkillEntry[]>([]);
  const submit = useSubmit();
  const { errors } = submit;
  const set = (name: keyof typeof form) => (value: string) => setForm({ ...form, [name]: value });
  const shown = [...SHOWN, ...Object.keys(errors).filter((k) => k.startsWith("skills"))];

  function send(e: Event) {
    e.preventDefault();
    const hours = wholeOrNull(form.hours);
    const capacity = wholeOrNull(form.capacity);
    const bad = {
      ...(hours === undefined ? { hoursPerWeek: "Enter whole hours." } : {}),
      ...(capacity == null ? { capacity: "Enter how many people, a whole number." } : {}),
    };
    if (Object.keys(bad).length) return submit.setErrors(bad);
    const input = {
      kind: form.kind as OpportunityKind,
      title: form.title,
      description: form.description,
      team: form.team.trim() || null,
      skills: skills.map((s) => ({ name: s.name, level: s.level, required: s.required !== false })),
      hoursPerWeek: hours ?? null,
      location: form.location,
      remote,
      closesOn: form.closesOn || null,
      capacity: capacity!,
    };
    void submit.run(
      async () => (await request(POST, { input })).postOpportunity,
      "Opportunity",
      (o) => navigate("marketplace", o.id),
    );
  }

  return (
    <>
      <p>
        <a href={href("marketplace")}>← Marketplace</a>
      </p>
      <PageTitle>Post an opportunity</PageTitle>
      <form class="stack narrow" onSubmit={send} noValidate aria-label="Post an opportunity">
        <SelectField
          label="Kind"
          name="kind"
          value={form.kind}
          onChange={set("kind")}
          options={Object.entries(KIND_LABELS)}
          errors={errors}
        />
        <Field
          label="Title"
          name="title"
          value={form.title}
          onInput={set("title")}
          errors={errors}
          required
        />
        <Field
          label="Description"
          name="description"
          value={form.description}
          onInput={set("description")}
          errors={errors}
          multiline
        />
        <SkillList
          legend="Skills it asks for"
          field="skills"
          skills={skills}
          onChange={setSkills}
          errors={errors}
          withRequired
        />
        <div class="inline align-top">
          <Field label="Team" name="team" value={form.team} onInput={set("team")} errors={errors} />
          <Field
            label="Hours a week"
            name="hoursPerWeek"
            type="number"
            value={form.hours}
            onInput={set("hours")}
            errors={errors}
          />
          <Field
            label="Places"
            name="capacity"
            type="number"
            value={form.capacity}
            onInput={set("capacity")}
            errors={errors}
            required
          />
        </div>
        <div class="inline align-top">
          <Field
            label="Location"
            name="location"
            value={form.location}
            onInput={set("location")}
            errors={errors}
          />
          <label class="check">
            <input
              type="checkbox"
              checked={remote}
              onChange={(e) => setRemote(e.currentTarget.checked)}
            />
            Remote is fine
          </label>
          <Field
            label="Closes on"
            name="closesOn"
            type="date"
            value={form.closesOn}
            onInput={set("closesOn")}
            errors={errors}
          />
        </div>
        <FormErrors errors={errors} shown={shown} />
        <div class="actions">
          <button type="submit" class="primary" disabled={submit.busy}>
            Post opportunity
          </button>
        </div>
      </form>
    </>
  );
}
