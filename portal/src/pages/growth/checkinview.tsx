/** A check-in as both its author and their team and managers read it: plans (done ticked,
 * carried marked), progress, problems and the managers' reactions. */
import type { ComponentChildren } from "preact";
import { graphql } from "../../../generated";

/** What CheckInBody shows, in every query of check-ins it draws. */
export const CHECK_IN_SHOWN = graphql(`
  fragment CheckInShown on CheckIn {
    plans {
      text
      done
      carried
    }
    progress
    problems {
      index
      text
    }
    reactions {
      id
      emoji
      comment
      author {
        name
      }
    }
  }
`);

interface Problem {
  index: number;
  text: string;
}

interface Shown<P extends Problem> {
  plans: { text: string; done: boolean; carried: boolean }[];
  progress: string[];
  problems: P[];
  reactions: {
    id: string;
    emoji?: string | null;
    comment: string;
    author?: { name: string } | null;
  }[];
}

export function CheckInBody<P extends Problem>(props: {
  checkIn: Shown<P>;
  /** One problem's list item: the text, and what may be done with it here. */
  problem?: (problem: P) => ComponentChildren;
}) {
  const { checkIn } = props;
  const problem = props.problem ?? ((p: P) => <li key={p.index}>{p.text}</li>);
  return (
    <>
      {checkIn.plans.length > 0 && (
        <>
          <h4>Plans</h4>
          <ul>
            {checkIn.plans.map((p) => (
              <li key={p.text}>
                {p.done ? "✓ " : ""}
                {p.text}
                {p.carried && <span class="muted"> (carried)</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {checkIn.progress.length > 0 && (
        <>
          <h4>Progress</h4>
          <ul>
            {checkIn.progress.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
      {checkIn.problems.length > 0 && (
        <>
          <h4>Problems</h4>
          <ul class="problems">{checkIn.problems.map(problem)}</ul>
        </>
      )}
      {checkIn.reactions.length > 0 && (
        <ul class="comments" aria-label="Reactions">
          {checkIn.reactions.map((r) => (
            <li key={r.id}>
              <strong>{r.author?.name ?? "Someone"}</strong> {r.emoji} {r.comment}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** "mood 3 of 5", only where the answer holds a mood (the API leaves it out for anyone
 * outside the person's manager chain). */
export function Mood({ mood }: { mood: number | null | undefined }) {
  return mood ? <span class="badge">mood {mood} of 5</span> : null;
}
