/** The themes ideas fall into: label, keywords, size and 30-day trend; unaddressed themes
 * (people reflect on them, no live idea addresses them) stand out and can be shown alone. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { useQuery } from "../../api/useQuery";
import { Empty, ErrorNote, Loading, PageTitle } from "../../components/ui";
import { href } from "../../router";
import { count, trendArrow, trendText } from "./trend";

const THEMES = graphql(`
  query ThemeList($unaddressed: Boolean) {
    themes(first: 30, unaddressed: $unaddressed) {
      ...ThemeFacts
    }
  }
`);

export function ThemeList() {
  const [onlyUnaddressed, setOnlyUnaddressed] = useState(false);
  const { data, error, loading } = useQuery(THEMES, { unaddressed: onlyUnaddressed || null });
  const themes = data?.themes ?? [];
  return (
    <>
      <PageTitle>Themes</PageTitle>
      <p class="muted">What ideas and reflections keep coming back to, largest first.</p>
      <label class="check">
        <input
          type="checkbox"
          checked={onlyUnaddressed}
          onChange={(e) => setOnlyUnaddressed(e.currentTarget.checked)}
        />
        Only unaddressed themes
      </label>
      <ErrorNote message={error} />
      {loading && !data && <Loading what="themes" />}
      {data && themes.length === 0 && (
        <Empty>
          {onlyUnaddressed
            ? "Every theme has a live idea addressing it."
            : "No themes yet: they form as ideas come in."}
        </Empty>
      )}
      <ul class="cards themes" aria-label="Themes">
        {themes.map((t) => (
          <li key={t.id} class={t.unaddressed ? "card theme unaddressed" : "card theme"}>
            <h2>
              <a href={href("themes", t.id)}>{t.label}</a>
            </h2>
            {t.unaddressed && (
              <p class="badge warn">Unaddressed: people reflect on it, no live idea tackles it</p>
            )}
            <p class="meta">
              <span>{count(t.size, "idea")}</span>
              <span title={trendText(t.trend)}>
                <span aria-hidden="true">{trendArrow(t.trend)} </span>
                {trendText(t.trend)}
              </span>
              {t.reflectionCount > 0 && <span>{count(t.reflectionCount, "reflection")}</span>}
              {t.learningCount > 0 && <span>{count(t.learningCount, "learning")}</span>}
            </p>
            <p class="tags">
              {t.keywords.map((k) => (
                <span key={k} class="tag">
                  {k}
                </span>
              ))}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
