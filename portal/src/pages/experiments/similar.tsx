/** Concluded experiments with a similar hypothesis: what was tried, decided and learnt. */
import { graphql } from "../../../generated";
import { useDebounced, useQuery } from "../../api/useQuery";
import { href } from "../../router";

const SIMILAR = graphql(`
  query SimilarExperiments($hypothesis: String!) {
    similarExperiments(hypothesis: $hypothesis, first: 4) {
      score
      decision
      learnings
      experiment {
        id
        title
      }
    }
  }
`);

const MIN_LENGTH = 12;

export function SimilarExperiments({
  hypothesis,
  exclude,
}: {
  hypothesis: string;
  exclude?: string;
}) {
  const text = useDebounced(hypothesis.trim(), 400);
  const skip = text.length < MIN_LENGTH;
  const { data, error } = useQuery(SIMILAR, { hypothesis: text }, skip);
  const items = (data?.similarExperiments ?? []).filter((s) => s.experiment?.id !== exclude);
  return (
    <section class="panel" aria-labelledby="similar-exp-h" aria-live="polite">
      <h2 id="similar-exp-h">Similar past experiments</h2>
      {skip ? (
        <p class="muted">Write the hypothesis to see what was tried before.</p>
      ) : error ? (
        <p class="muted">Similar experiments are not available right now.</p>
      ) : !data ? (
        <p class="muted">Looking…</p>
      ) : items.length === 0 ? (
        <p class="muted">No concluded experiment tried something like this yet.</p>
      ) : (
        <ul class="plain" aria-label="Similar past experiments">
          {items.map((s) => (
            <li key={s.experiment?.id}>
              {s.experiment ? (
                <a href={href("experiments", s.experiment.id)}>{s.experiment.title}</a>
              ) : (
                "An experiment"
              )}
              {s.decision && <span class="badge">{s.decision}</span>}
              {s.learnings && <p class="muted">{s.learnings}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
