/** Existing ideas like the one being typed (debounced), so people can vote instead of
 * submitting a duplicate: the insights model's similarIdeas, with its possible duplicates
 * marked and a "Not the same" answer that is stored for calibration. When the model cannot
 * answer (insights down, rate limited), ideas that share the most distinctive words of the
 * title are offered instead. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { request } from "../../api/client";
import { useDebounced, useQuery } from "../../api/useQuery";
import { ErrorNote } from "../../components/ui";
import { href } from "../../router";
import { STATUS_LABELS } from "./labels";
import { VoteButton } from "./vote";

const BY_MODEL = graphql(`
  query SimilarByModel($text: String!) {
    similarIdeas(text: $text, first: 4) {
      score
      possibleDuplicate
      idea {
        id
        title
        status
        voteCount
        viewerHasVoted
      }
    }
  }
`);

const NOT_THE_SAME = graphql(`
  mutation NotTheSame($text: String!, $ideaId: ID!) {
    markNotDuplicate(text: $text, ideaId: $ideaId) {
      __typename
      ... on UserError {
        message
      }
    }
  }
`);

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

interface Offered {
  idea: {
    id: string;
    title: string;
    status: keyof typeof STATUS_LABELS;
    voteCount: number;
    viewerHasVoted: boolean;
  };
  possibleDuplicate: boolean;
}

/** Ideas sharing the title's two most distinctive words (when the model cannot answer). */
function useByWords(title: string, problem: string, skip: boolean) {
  const words = useDebounced(keywords(title.length >= 3 ? title : problem).join(" "), 400);
  const [first = "", second = ""] = words ? words.split(" ") : [];
  const { data, loading } = useQuery(
    SIMILAR,
    { first, second, hasSecond: !!second },
    skip || !first,
  );
  const seen = new Set<string>();
  const ideas = [...(data?.first.edges ?? []), ...(data?.second?.edges ?? [])]
    .map((e) => e.node)
    .filter((n) => !seen.has(n.id) && seen.add(n.id))
    .slice(0, 4);
  return { ideas, loading, answered: !!data };
}

export function SimilarIdeas({ title, problem }: { title: string; problem: string }) {
  const typed = [title.trim(), problem.trim()].filter(Boolean).join(". ");
  const draft = useDebounced(typed.length >= 3 ? typed : "", 400);
  const model = useQuery(BY_MODEL, { text: draft }, !draft);
  const byWords = useByWords(title, problem, !model.error);
  const [notSame, setNotSame] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const offered: Offered[] = model.error
    ? byWords.ideas.map((idea) => ({ idea, possibleDuplicate: false }))
    : (model.data?.similarIdeas ?? [])
        .filter((s) => s.idea)
        .map((s) => ({ idea: s.idea!, possibleDuplicate: s.possibleDuplicate }));
  const loading = model.error ? byWords.loading && !byWords.answered : model.loading && !model.data;
  const answered = model.error ? byWords.answered : !!model.data;

  async function notTheSame(ideaId: string) {
    setError(null);
    try {
      const { markNotDuplicate: answer } = await request(NOT_THE_SAME, { text: draft, ideaId });
      if (answer.__typename !== "NotDuplicate")
        return setError("message" in answer ? answer.message : "not recorded");
      setNotSame((old) => new Set(old).add(ideaId));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <aside class="panel" aria-labelledby="similar-heading" aria-live="polite">
      <h2 id="similar-heading">Similar ideas</h2>
      {!draft && <p class="muted">Start typing a title: existing ideas like yours show here.</p>}
      {draft && loading && (
        <p class="muted" role="status">
          Looking for similar ideas…
        </p>
      )}
      {draft && answered && offered.length === 0 && (
        <p class="muted">No similar idea yet: yours is new.</p>
      )}
      <ErrorNote message={error} />
      {offered.length > 0 && (
        <>
          <p class="muted">Already suggested? Vote for it instead of submitting a duplicate.</p>
          <ul class="plain similar">
            {offered.map(({ idea, possibleDuplicate }) => (
              <li key={idea.id}>
                <a href={href("ideas", idea.id)}>{idea.title}</a>{" "}
                <span class="badge">{STATUS_LABELS[idea.status]}</span>
                {possibleDuplicate && !notSame.has(idea.id) && (
                  <>
                    {" "}
                    <span class="badge warn">Possible duplicate</span>
                    <button
                      type="button"
                      class="link"
                      aria-label={`Not the same as ${idea.title}`}
                      onClick={() => void notTheSame(idea.id)}
                    >
                      Not the same
                    </button>
                  </>
                )}
                {notSame.has(idea.id) && <span class="muted"> You said it is not the same.</span>}
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
