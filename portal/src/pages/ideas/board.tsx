/** The idea board: filter by status, campaign and tag, search, sort and page. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { IdeaFilter, IdeaOrder, IdeaStatus } from "../../../generated/graphql";
import { currentSession } from "../../api/session";
import { useDebounced, useQuery } from "../../api/useQuery";
import { Empty, ErrorNote, Loading, PageTitle, day } from "../../components/ui";
import { href } from "../../router";
import { BAND_LABELS, ORDER_LABELS, STATUS_LABELS, STATUSES } from "./labels";
import { VoteButton } from "./vote";
import { Pager } from "../../components/pager";

const PAGE_SIZE = 10;

const BOARD = graphql(`
  query IdeaBoard($filter: IdeaFilter, $orderBy: IdeaOrder!, $first: Int!, $after: String) {
    ideas(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          title
          status
          voteCount
          commentCount
          viewerHasVoted
          priority
          priorityBand
          tags
          createdAt
          author {
            name
          }
          campaign {
            title
          }
        }
      }
    }
    campaigns {
      id
      title
      isOpen
    }
  }
`);

export function IdeaBoard() {
  const [status, setStatus] = useState<IdeaStatus | "">("");
  const [campaignId, setCampaignId] = useState("");
  const [tag, setTag] = useState("");
  const [search, setSearch] = useState("");
  const [orderBy, setOrderBy] = useState<IdeaOrder>("NEWEST");
  const [mine, setMine] = useState(false);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const words = useDebounced(search.trim(), 300);
  const tagWord = useDebounced(tag.trim().toLowerCase(), 300);
  const filter: IdeaFilter = {
    status: status || null,
    campaignId: campaignId || null,
    tag: tagWord || null,
    search: words || null,
    authorId: mine ? (currentSession()?.person.id ?? null) : null,
  };
  const after = cursors[cursors.length - 1];
  const { data, error, loading } = useQuery(BOARD, { filter, orderBy, first: PAGE_SIZE, after });
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setCursors([null]);
    };
  const ideas = data?.ideas;
  const pages = ideas ? Math.max(1, Math.ceil(ideas.totalCount / PAGE_SIZE)) : 1;

  return (
    <>
      <div class="title-row">
        <PageTitle>Ideas</PageTitle>
        <a class="button primary" href={href("ideas", "new")}>
          Submit an idea
        </a>
      </div>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="idea-search">Search</label>
          <input
            id="idea-search"
            type="search"
            value={search}
            onInput={(e) => reset(setSearch)(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="idea-status">Status</label>
          <select
            id="idea-status"
            value={status}
            onChange={(e) => reset(setStatus)(e.currentTarget.value as IdeaStatus | "")}
          >
            <option value="">Open ideas (all but duplicates)</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="idea-campaign">Campaign</label>
          <select
            id="idea-campaign"
            value={campaignId}
            onChange={(e) => reset(setCampaignId)(e.currentTarget.value)}
          >
            <option value="">Any campaign</option>
            {data?.campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="idea-tag">Tag</label>
          <input id="idea-tag" value={tag} onInput={(e) => reset(setTag)(e.currentTarget.value)} />
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={mine}
            onChange={(e) => reset(setMine)(e.currentTarget.checked)}
          />
          Only my ideas
        </label>
        <div class="field">
          <label for="idea-order">Sort by</label>
          <select
            id="idea-order"
            value={orderBy}
            onChange={(e) => reset(setOrderBy)(e.currentTarget.value as IdeaOrder)}
          >
            {(Object.keys(ORDER_LABELS) as IdeaOrder[]).map((o) => (
              <option key={o} value={o}>
                {ORDER_LABELS[o]}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorNote message={error} />
      {loading && !ideas && <Loading what="ideas" />}
      {ideas && ideas.totalCount === 0 && (
        <Empty>
          No ideas match. Try fewer words, or <a href={href("ideas", "new")}>submit one</a>.
        </Empty>
      )}
      {ideas && ideas.totalCount > 0 && (
        <>
          <p class="muted" aria-live="polite">
            {ideas.totalCount} {ideas.totalCount === 1 ? "idea" : "ideas"}
            {loading ? " · updating…" : ""}
          </p>
          <ul class="cards" aria-busy={loading}>
            {ideas.edges.map(({ node }) => (
              <li key={node.id} class="card">
                <h2>
                  <a href={href("ideas", node.id)}>{node.title}</a>
                </h2>
                <p class="meta">
                  <span class={`badge status-${node.status.toLowerCase()}`}>
                    {STATUS_LABELS[node.status]}
                  </span>
                  {node.priorityBand && (
                    <span class="badge">
                      {BAND_LABELS[node.priorityBand]} · {node.priority}
                    </span>
                  )}
                  <span>
                    {node.author?.name ?? "Someone"} · {day(node.createdAt)}
                  </span>
                  <span>{node.commentCount} comments</span>
                  {node.campaign && <span>{node.campaign.title}</span>}
                </p>
                {node.tags.length > 0 && (
                  <p class="tags">
                    {node.tags.map((t) => (
                      <span key={t} class="tag">
                        #{t}
                      </span>
                    ))}
                  </p>
                )}
                <VoteButton
                  key={`${node.id}-${node.voteCount}`}
                  id={node.id}
                  title={node.title}
                  status={node.status}
                  voteCount={node.voteCount}
                  viewerHasVoted={node.viewerHasVoted}
                />
              </li>
            ))}
          </ul>
          <Pager
            label="Pages of ideas"
            cursors={cursors}
            onChange={setCursors}
            pageInfo={ideas.pageInfo}
            loading={loading}
            pages={pages}
          />
        </>
      )}
    </>
  );
}
