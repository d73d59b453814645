/** Submit an idea; similar existing ideas are offered while the title and problem are typed. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { request } from "../../api/client";
import { commaList, useSubmit } from "../../api/useSubmit";
import { useQuery } from "../../api/useQuery";
import { Field, FormErrors, PageTitle } from "../../components/ui";
import { navigate } from "../../router";
import { SimilarIdeas } from "./similar";

const SUBMIT = graphql(`
  mutation SubmitIdea($input: SubmitIdeaInput!) {
    submitIdea(input: $input) {
      __typename
      ... on Idea {
        id
      }
      ...Refusal
    }
  }
`);

const OPEN_CAMPAIGNS = graphql(`
  query OpenCampaigns {
    campaigns(openOnly: true) {
      id
      title
      endsOn
    }
  }
`);

const SHOWN = ["title", "problem", "proposal", "benefit", "tags", "area", "campaignId"];

export function SubmitIdea() {
  const [form, setForm] = useState({
    title: "",
    problem: "",
    proposal: "",
    benefit: "",
    tags: "",
    area: "",
    campaignId: "",
  });
  const { errors, busy, run } = useSubmit();
  const campaigns = useQuery(OPEN_CAMPAIGNS, {});
  const set = (name: keyof typeof form) => (value: string) => setForm({ ...form, [name]: value });

  function submit(e: Event) {
    e.preventDefault();
    const input = {
      title: form.title,
      problem: form.problem,
      proposal: form.proposal,
      benefit: form.benefit,
      area: form.area || null,
      campaignId: form.campaignId || null,
      tags: commaList(form.tags),
    };
    void run(
      async () => (await request(SUBMIT, { input })).submitIdea,
      "Idea",
      (idea) => navigate("ideas", idea.id),
    );
  }

  return (
    <>
      <PageTitle>Submit an idea</PageTitle>
      <div class="split">
        <form class="stack" onSubmit={submit} noValidate>
          <Field
            label="Title"
            name="title"
            value={form.title}
            onInput={set("title")}
            errors={errors}
            required
            hint="One line: what would you change?"
          />
          <Field
            label="Problem"
            name="problem"
            value={form.problem}
            onInput={set("problem")}
            errors={errors}
            multiline
            hint="What goes wrong today, and how often?"
          />
          <Field
            label="Proposal"
            name="proposal"
            value={form.proposal}
            onInput={set("proposal")}
            errors={errors}
            multiline
          />
          <Field
            label="Benefit"
            name="benefit"
            value={form.benefit}
            onInput={set("benefit")}
            errors={errors}
            multiline
          />
          <Field
            label="Tags"
            name="tags"
            value={form.tags}
            onInput={set("tags")}
            errors={errors}
            hint="Separated by commas, e.g. safety, 5s"
          />
          <Field
            label="Area"
            name="area"
            value={form.area}
            onInput={set("area")}
            errors={errors}
            hint="Where it happens, e.g. Line 2"
          />
          {(campaigns.data?.campaigns.length ?? 0) > 0 && (
            <div class={errors.campaignId ? "field invalid" : "field"}>
              <label for="idea-campaign-input">Campaign</label>
              <select
                id="idea-campaign-input"
                value={form.campaignId}
                onChange={(e) => set("campaignId")(e.currentTarget.value)}
              >
                <option value="">No campaign</option>
                {campaigns.data!.campaigns.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title} (until {c.endsOn})
                  </option>
                ))}
              </select>
              {errors.campaignId && <p class="field-error">{errors.campaignId}</p>}
            </div>
          )}
          <FormErrors errors={errors} shown={SHOWN} />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? "Submitting…" : "Submit idea"}
            </button>
          </div>
        </form>
        <SimilarIdeas title={form.title} problem={form.problem} />
      </div>
    </>
  );
}
