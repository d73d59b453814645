/** Existing ideas like the one being typed (debounced), so people can vote instead of
 * submitting a duplicate. Until the insights service answers similarIdeas, ideas that
 * share the most distinctive words of the title are offered. */
import { graphql } from "../../../generated";
import { useDebounced, useQuery } from "../../api/useQuery";
import { href } from "../../router";
import { STATUS_LABELS } from "./labels";
import { VoteButton } from "./vote";

const SIMILAR = graphql(`
  query SimilarByWords($first: String!, $second: String!, $hasSecond: Boolean!) {
    first: ideas(filter: { search: $first }, orderBy: TOP_VOTED, first: 3) {
      edges {
        node {
          id
          title
          status
          voteCount
          viewerHasVoted
        }
      }
    }
    second: ideas(filter: { search: $second }, orderBy: TOP_VOTED, first: 3)
      @include(if: $hasSecond) {
      edges {
        node {
          id
          title
          status
          voteCount
          viewerHasVoted
        }
      }
    }
  }
`);

const COMMON = new Set(
  (
    "about after again also because before being could every from have " +
    "into more most much must need only other over should some than that their them then " +
    "there these they this through very what when where which while with would your"
  ).split(" "),
);

/** The two longest words of the text that say something (4 letters or more). */
export function keywords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? [];
  const distinct = [...new Set(words)].filter((w) => !COMMON.has(w));
  return distinct.sort((a, b) => b.length - a.length).slice(0, 2);
}

export function SimilarIdeas({ title, problem }: { title: string; problem: string }) {
  const words = useDebounced(keywords(title.length >= 3 ? title : problem).join(" "), 400);
  const [first = "", second = ""] = words ? words.split(" ") : [];
  const { data, loading } = useQuery(SIMILAR, { first, second, hasSecond: !!second }, !first);
  const seen = new Set<string>();
  const ideas = [...(data?.first.edges ?? []), ...(data?.second?.edges ?? [])]
    .map((e) => e.node)
    .filter((n) => !seen.has(n.id) && seen.add(n.id))
    .slice(0, 4);
  return (
    <aside class="panel" aria-labelledby="similar-heading" aria-live="polite">
      <h2 id="similar-heading">Similar ideas</h2>
      {!first && <p class="muted">Start typing a title: existing ideas like yours show here.</p>}
      {first && loading && !data && (
        <p class="muted" role="status">
          Looking for similar ideas…
        </p>
      )}
      {first && data && ideas.length === 0 && (
        <p class="muted">No similar idea yet: yours is new.</p>
      )}
      {ideas.length > 0 && (
        <>
          <p class="muted">Already suggested? Vote for it instead of submitting a duplicate.</p>
          <ul class="plain similar">
            {ideas.map((idea) => (
              <li key={idea.id}>
                <a href={href("ideas", idea.id)}>{idea.title}</a>{" "}
                <span class="badge">{STATUS_LABELS[idea.status]}</span>
                <VoteButton
                  key={`${idea.id}-${idea.voteCount}`}
                  id={idea.id}
                  title={idea.title}
                  status={idea.status}
                  voteCount={idea.voteCount}
                  viewerHasVoted={idea.viewerHasVoted}
                  label="Vote for this instead"
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
