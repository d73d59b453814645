/** One theme: what it is about and its ideas, closest to the theme's centre first. */
import { graphql } from "../../../generated";
import { useQuery } from "../../api/useQuery";
import { Empty, ErrorNote, Loading, PageTitle } from "../../components/ui";
import { href } from "../../router";
import { STATUS_LABELS } from "../ideas/labels";
import { count, trendText } from "./trend";

const THEME = graphql(`
  query ThemePage($id: ID!) {
    theme(id: $id) {
      ...ThemeFacts
      ideas(first: 25) {
        id
        title
        status
        voteCount
      }
    }
  }
`);

export function ThemePage({ id }: { id: string }) {
  const { data, error, loading } = useQuery(THEME, { id });
  if (loading && !data) return <Loading what="the theme" />;
  if (error && !data) return <ErrorNote message={error} />;
  const theme = data?.theme;
  if (!theme) {
    return (
      <>
        <PageTitle>Theme not found</PageTitle>
        <Empty>
          Themes change as ideas come in. <a href={href("themes")}>Back to the themes</a>
        </Empty>
      </>
    );
  }
  return (
    <article>
      <p>
        <a href={href("themes")}>← All themes</a>
      </p>
      <PageTitle>{theme.label}</PageTitle>
      {theme.unaddressed && (
        <p class="notice">
          Unaddressed: people reflect on this, but no live idea tackles it yet.{" "}
          <a href={href("ideas", "new")}>Submit one</a>
        </p>
      )}
      <p class="meta">
        <span>{count(theme.size, "idea")}</span>
        <span>{trendText(theme.trend)}</span>
        <span>{count(theme.reflectionCount, "shared reflection")}</span>
        <span>{count(theme.learningCount, "experiment learning")}</span>
      </p>
      <p class="tags" aria-label="Keywords">
        {theme.keywords.map((k) => (
          <span key={k} class="tag">
            {k}
          </span>
        ))}
      </p>
      <h2>Ideas in this theme</h2>
      {(theme.ideas ?? []).length === 0 ? (
        <Empty>No live ideas in this theme.</Empty>
      ) : (
        <ul class="cards" aria-label="Ideas in this theme">
          {(theme.ideas ?? []).map((idea) => (
            <li key={idea.id} class="card">
              <a href={href("ideas", idea.id)}>{idea.title}</a>
              <p class="meta">
                <span class={`badge status-${idea.status.toLowerCase()}`}>
                  {STATUS_LABELS[idea.status]}
                </span>
                <span>
                  {idea.voteCount} {idea.voteCount === 1 ? "vote" : "votes"}
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
