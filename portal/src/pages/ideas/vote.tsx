/** Vote for an idea or withdraw the vote; the count updates from the server's answer. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { IdeaStatus } from "../../../generated/graphql";
import { request } from "../../api/client";
import { VOTABLE } from "./labels";

const VOTE = graphql(`
  mutation Vote($id: ID!) {
    voteIdea(id: $id) {
      __typename
      ... on Idea {
        id
        voteCount
        viewerHasVoted
      }
      ...Refusal
    }
  }
`);

const UNVOTE = graphql(`
  mutation Unvote($id: ID!) {
    unvoteIdea(id: $id) {
      __typename
      ... on Idea {
        id
        voteCount
        viewerHasVoted
      }
      ...Refusal
    }
  }
`);

interface Props {
  id: string;
  title: string;
  status: IdeaStatus;
  voteCount: number;
  viewerHasVoted: boolean;
  label?: string;
}

export function VoteButton(props: Props) {
  const [state, setState] = useState({ count: props.voteCount, voted: props.viewerHasVoted });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      const data = state.voted
        ? (await request(UNVOTE, { id: props.id })).unvoteIdea
        : (await request(VOTE, { id: props.id })).voteIdea;
      if (data.__typename === "Idea")
        setState({ count: data.voteCount, voted: data.viewerHasVoted });
      else if ("message" in data) setError(data.message);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const count = (
    <span class="count" aria-live="polite">
      {state.count} {state.count === 1 ? "vote" : "votes"}
    </span>
  );
  if (!VOTABLE.has(props.status)) return <span class="vote closed">{count}</span>;
  return (
    <span class="vote">
      <button
        type="button"
        class={state.voted ? "voted" : ""}
        aria-pressed={state.voted}
        disabled={busy}
        onClick={toggle}
        aria-label={`${state.voted ? "Withdraw your vote for" : "Vote for"} ${props.title}`}
      >
        ▲ {state.voted ? "Voted" : (props.label ?? "Vote")}
      </button>
      {count}
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
