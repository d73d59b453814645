/** Write a reflection, optionally from a prompt, choosing plainly who can read it. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { Visibility } from "../../../generated/graphql";
import { request } from "../../api/client";
import { commaList, useSubmit } from "../../api/useSubmit";
import { useQuery } from "../../api/useQuery";
import { Field, FormErrors } from "../../components/ui";
import { SAVE_LABEL, VisibilityChoice } from "./visibility";

const PROMPTS = graphql(`
  query ReflectionPrompts {
    reflectionPrompts {
      id
      title
      description
      template
    }
  }
`);

const WRITE = graphql(`
  mutation WriteReflection($input: WriteReflectionInput!) {
    writeReflection(input: $input) {
      __typename
      ... on Reflection {
        id
      }
      ...Refusal
    }
  }
`);

const SHOWN = ["body", "tags", "mood", "visibility", "promptId"];

export function WriteReflection({ team, onWritten }: { team: string; onWritten: () => void }) {
  const prompts = useQuery(PROMPTS, {});
  const [promptId, setPromptId] = useState("");
  const [body, setBody] = useState("");
  const [tags, setTags] = useState("");
  const [mood, setMood] = useState("");
  const [visibility, setVisibility] = useState<Visibility>("PRIVATE");
  const { errors, busy, run } = useSubmit();
  const [saved, setSaved] = useState<string | null>(null);

  function choosePrompt(id: string) {
    setPromptId(id);
    const prompt = prompts.data?.reflectionPrompts.find((p) => p.id === id);
    if (prompt && !body.trim()) setBody(prompt.template);
  }

  function submit(e: Event) {
    e.preventDefault();
    setSaved(null);
    const input = {
      body,
      visibility,
      promptId: promptId || null,
      mood: mood ? Number(mood) : null,
      tags: commaList(tags),
    };
    void run(
      async () => (await request(WRITE, { input })).writeReflection,
      "Reflection",
      () => {
        setBody("");
        setTags("");
        setMood("");
        setPromptId("");
        setVisibility("PRIVATE");
        setSaved(visibility === "PRIVATE" ? "Saved. Only you can read it." : "Saved and shared.");
        onWritten();
      },
    );
  }

  const selected = prompts.data?.reflectionPrompts.find((p) => p.id === promptId);
  return (
    <form class="stack panel" onSubmit={submit} noValidate aria-labelledby="write-h">
      <h2 id="write-h">Write a reflection</h2>
      <div class="field">
        <label for="reflection-prompt">Prompt</label>
        <select
          id="reflection-prompt"
          value={promptId}
          onChange={(e) => choosePrompt(e.currentTarget.value)}
        >
          <option value="">No prompt: free writing</option>
          {prompts.data?.reflectionPrompts.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
        {selected?.description && <small>{selected.description}</small>}
      </div>
      <Field
        label="Reflection"
        name="body"
        value={body}
        onInput={setBody}
        errors={errors}
        multiline
        hint="What happened, what did you learn, what will you try next?"
      />
      <Field
        label="Tags"
        name="tags"
        value={tags}
        onInput={setTags}
        errors={errors}
        hint="Separated by commas"
      />
      <div class={errors.mood ? "field invalid" : "field"}>
        <label for="reflection-mood">Mood (only you see it)</label>
        <select id="reflection-mood" value={mood} onChange={(e) => setMood(e.currentTarget.value)}>
          <option value="">Not set</option>
          {["1", "2", "3", "4", "5"].map((m) => (
            <option key={m} value={m}>
              {m} of 5
            </option>
          ))}
        </select>
        {errors.mood && <p class="field-error">{errors.mood}</p>}
      </div>
      <VisibilityChoice
        name="new-visibility"
        value={visibility}
        team={team}
        onChange={setVisibility}
        error={errors.visibility}
      />
      <FormErrors errors={errors} shown={SHOWN} />
      {saved && (
        <p class="success" role="status">
          {saved}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {SAVE_LABEL[visibility]}
        </button>
      </div>
    </form>
  );
}
