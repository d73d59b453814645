/** "Recommended for you": each with why in a few sentences (the numbers behind them on
 * request), the skills you have and miss, and people who mentor in the missing ones (ask
 * them from here); "Not interested" hides one for good. */
import { graphql } from "../../../generated";
import { request } from "../../api/client";
import { useQuery } from "../../api/useQuery";
import { useSubmit } from "../../api/useSubmit";
import { Empty, ErrorNote, FormErrors, Loading } from "../../components/ui";
import { href } from "../../router";
import { AskMentor } from "./askmentor";
import { KIND_LABELS, percent } from "./labels";

const RECOMMENDED = graphql(`
  query RecommendedOpportunities {
    recommendedOpportunities(first: 5) {
      score
      reasons
      details
      matchedSkills
      missingSkills
      mentors {
        id
        name
      }
      opportunity {
        id
        title
        kind
        team
        spotsLeft
      }
    }
  }
`);

const NOT_INTERESTED = graphql(`
  mutation NotInterested($id: ID!) {
    notInterested(opportunityId: $id) {
      __typename
      ... on Opportunity {
        id
      }
      ...Refusal
    }
  }
`);

export function Recommended() {
  const { data, error, loading, reload } = useQuery(RECOMMENDED, {});
  const submit = useSubmit();
  const items = (data?.recommendedOpportunities ?? []).filter((r) => r.opportunity);
  const dismiss = (id: string) =>
    submit.run(
      async () => (await request(NOT_INTERESTED, { id })).notInterested,
      "Opportunity",
      reload,
    );
  return (
    <section aria-labelledby="recommended-h">
      <h2 id="recommended-h">Recommended for you</h2>
      <ErrorNote message={error} />
      <FormErrors errors={submit.errors} shown={[]} />
      {loading && !data && <Loading what="recommendations" />}
      {data && items.length === 0 && (
        <Empty>
          Nothing to recommend yet: add skills and interests to{" "}
          <a href={href("profile")}>your profile</a>.
        </Empty>
      )}
      <ul class="cards" aria-label="Recommended for you">
        {items.map((r) => {
          const o = r.opportunity!;
          return (
            <li key={o.id} class="card recommendation">
              <h3>
                <a href={href("marketplace", o.id)}>{o.title}</a>
              </h3>
              <p class="meta">
                <span class="badge">{KIND_LABELS[o.kind]}</span>
                {o.team && <span>{o.team}</span>}
                <span>match {percent(r.score)}</span>
              </p>
              <p class="reasons" aria-label={`Why ${o.title}`}>
                {r.reasons.join(" ")}
              </p>
              <details class="details">
                <summary>The numbers behind it</summary>
                <ul aria-label={`The numbers behind ${o.title}`}>
                  {r.details.map((detail) => (
                    <li key={detail}>{detail}</li>
                  ))}
                </ul>
              </details>
              {r.matchedSkills.length > 0 && (
                <p class="skills matched">
                  <strong>You have:</strong> {r.matchedSkills.join(", ")}
                </p>
              )}
              {r.missingSkills.length > 0 && (
                <p class="skills missing">
                  <strong>To learn:</strong> {r.missingSkills.join(", ")}
                </p>
              )}
              {r.mentors.length > 0 && (
                <div class="mentors">
                  <p class="muted">
                    Mentors who can help: {r.mentors.map((m) => m.name).join(", ")}
                  </p>
                  {r.mentors.map((m) => (
                    <AskMentor key={m.id} mentor={m} skills={r.missingSkills} />
                  ))}
                </div>
              )}
              <button
                type="button"
                class="link"
                disabled={submit.busy}
                aria-label={`Not interested in ${o.title}`}
                onClick={() => dismiss(o.id)}
              >
                Not interested
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
