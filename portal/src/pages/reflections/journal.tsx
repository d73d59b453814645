/** My journal: streak, a new entry, my reflections (searchable) and an export. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { ReflectionExportFormat } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useDebounced, useQuery } from "../../api/useQuery";
import { Empty, ErrorNote, Loading, PageTitle } from "../../components/ui";
import { href } from "../../router";
import { ReflectionEntry } from "./entry";
import { WriteReflection } from "./write";

const JOURNAL = graphql(`
  query Journal($search: String, $first: Int!) {
    me {
      team
      reflectionStreak {
        weeks
        thisWeek
      }
    }
    myReflections(filter: { search: $search }, first: $first) {
      totalCount
      edges {
        node {
          id
          body
          tags
          mood
          visibility
          createdAt
          idea {
            id
            title
          }
        }
      }
    }
  }
`);

const EXPORT = graphql(`
  query ExportReflections($format: ReflectionExportFormat!) {
    exportMyReflections(format: $format)
  }
`);

export function Journal() {
  const [search, setSearch] = useState("");
  const [first, setFirst] = useState(10);
  const words = useDebounced(search.trim(), 300);
  const { data, error, loading, reload } = useQuery(JOURNAL, { search: words || null, first });
  const team = data?.me?.team ?? "";
  const streak = data?.me?.reflectionStreak;
  const mine = data?.myReflections;

  return (
    <>
      <div class="title-row">
        <PageTitle>My reflections</PageTitle>
        <a class="button" href={href("reflections", "team")}>
          Team feed
        </a>
      </div>
      {streak && (
        <p class="streak" aria-live="polite">
          <strong>{streak.weeks}</strong> {streak.weeks === 1 ? "week" : "weeks"} in a row ·{" "}
          {streak.thisWeek} this week
        </p>
      )}
      <WriteReflection team={team} onWritten={reload} />
      <section aria-labelledby="mine-h">
        <h2 id="mine-h">Journal</h2>
        <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <div class="field">
            <label for="journal-search">Search my reflections</label>
            <input
              id="journal-search"
              type="search"
              value={search}
              onInput={(e) => setSearch(e.currentTarget.value)}
            />
          </div>
          <ExportButtons />
        </form>
        <ErrorNote message={error} />
        {loading && !mine && <Loading what="your reflections" />}
        {mine && mine.totalCount === 0 && (
          <Empty>
            {words ? "No reflection matches." : "No reflections yet: write your first above."}
          </Empty>
        )}
        <ul class="cards">
          {mine?.edges.map(({ node }) => (
            <ReflectionEntry
              key={`${node.id}-${node.visibility}`}
              entry={node}
              team={team}
              onChange={reload}
            />
          ))}
        </ul>
        {mine && mine.totalCount > mine.edges.length && (
          <button type="button" onClick={() => setFirst(first + 10)}>
            Show more
          </button>
        )}
      </section>
    </>
  );
}

function ExportButtons() {
  const [error, setError] = useState<string | null>(null);
  async function download(format: ReflectionExportFormat) {
    try {
      const text = (await request(EXPORT, { format })).exportMyReflections;
      const type = format === "JSON" ? "application/json" : "text/markdown";
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type }));
      link.download = `my-reflections.${format === "JSON" ? "json" : "md"}`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <div class="row">
      <button type="button" onClick={() => download("MARKDOWN")}>
        Export as Markdown
      </button>
      <button type="button" onClick={() => download("JSON")}>
        Export as JSON
      </button>
      <ErrorNote message={error} />
    </div>
  );
}
