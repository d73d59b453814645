/** Start a mentoring programme (admins and coordinators): name, dates, what it is for; the
 * creator coordinates it unless others are named. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { Field, FormErrors } from "../../components/ui";
import { navigate } from "../../router";

const CREATE = graphql(`
  mutation CreateMentoringProgramme($input: CreateMentoringProgrammeInput!) {
    createMentoringProgramme(input: $input) {
      __typename
      ... on MentoringProgramme {
        id
      }
      ...Refusal
    }
  }
`);

const FIELDS = ["name", "description", "startsOn", "endsOn"];

export function CreateProgramme({ created }: { created: () => void }) {
  const [form, setForm] = useState({ name: "", description: "", startsOn: "", endsOn: "" });
  const submit = useSubmit();
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  function send(e: Event) {
    e.preventDefault();
    void submit.run(
      async () => (await request(CREATE, { input: form })).createMentoringProgramme,
      "MentoringProgramme",
      (p) => {
        created();
        navigate("mentoring", "programme", p.id);
      },
    );
  }
  return (
    <form class="panel stack" onSubmit={send} aria-labelledby="create-h">
      <h2 id="create-h">Start a programme</h2>
      <Field
        label="Name"
        name="name"
        value={form.name}
        onInput={set("name")}
        errors={submit.errors}
      />
      <Field
        label="Description"
        name="description"
        value={form.description}
        onInput={set("description")}
        errors={submit.errors}
        multiline
      />
      <div class="row">
        <Field
          label="Starts on"
          name="startsOn"
          type="date"
          value={form.startsOn}
          onInput={set("startsOn")}
          errors={submit.errors}
        />
        <Field
          label="Ends on"
          name="endsOn"
          type="date"
          value={form.endsOn}
          onInput={set("endsOn")}
          errors={submit.errors}
        />
      </div>
      <FormErrors errors={submit.errors} shown={FIELDS} />
      <div class="actions">
        <button type="submit" class="primary" disabled={submit.busy}>
          Create programme
        </button>
      </div>
    </form>
  );
}
