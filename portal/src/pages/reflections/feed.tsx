/** What my team and the organisation chose to share. Never anyone's private reflection. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { useDebounced, useQuery } from "../../api/useQuery";
import { Empty, ErrorNote, Loading, PageTitle, when } from "../../components/ui";
import { href } from "../../router";
import { VisibilityBadge } from "./visibility";

const FEED = graphql(`
  query TeamFeed($search: String, $first: Int!) {
    teamReflections(filter: { search: $search }, first: $first) {
      totalCount
      edges {
        node {
          id
          body
          tags
          visibility
          team
          createdAt
          author {
            name
          }
          idea {
            id
            title
          }
        }
      }
    }
  }
`);

export function TeamFeed() {
  const [search, setSearch] = useState("");
  const [first, setFirst] = useState(10);
  const words = useDebounced(search.trim(), 300);
  const { data, error, loading } = useQuery(FEED, { search: words || null, first });
  const feed = data?.teamReflections;
  return (
    <>
      <div class="title-row">
        <PageTitle>Team feed</PageTitle>
        <a class="button" href={href("reflections")}>
          My reflections
        </a>
      </div>
      <p class="muted">Reflections your team and colleagues chose to share.</p>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="feed-search">Search shared reflections</label>
          <input
            id="feed-search"
            type="search"
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </div>
      </form>
      <ErrorNote message={error} />
      {loading && !feed && <Loading what="the team feed" />}
      {feed && feed.totalCount === 0 && (
        <Empty>{words ? "No shared reflection matches." : "Nothing shared yet."}</Empty>
      )}
      <ul class="cards">
        {feed?.edges.map(({ node }) => (
          <li key={node.id} class="card reflection">
            <p class="meta">
              <strong>{node.author?.name ?? "Someone"}</strong>
              <time dateTime={node.createdAt}>{when(node.createdAt)}</time>
              <VisibilityBadge value={node.visibility} team={node.team ?? ""} />
            </p>
            <p class="body">{node.body}</p>
            {node.idea && (
              <p>
                Became the idea <a href={href("ideas", node.idea.id)}>{node.idea.title}</a>
              </p>
            )}
          </li>
        ))}
      </ul>
      {feed && feed.totalCount > feed.edges.length && (
        <button type="button" onClick={() => setFirst(first + 10)}>
          Show more
        </button>
      )}
    </>
  );
}
