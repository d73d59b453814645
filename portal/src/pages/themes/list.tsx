/** The themes overview: broad areas that open into their themes (label, keywords, size and
 * 30-day trend); unaddressed themes (people reflect on them, no live idea addresses them)
 * stand out and can be shown alone. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { ThemeFactsFragment } from "../../../generated/graphql";
import { useQuery } from "../../api/useQuery";
import { Empty, ErrorNote, Loading, PageTitle } from "../../components/ui";
import { href } from "../../router";
import { count, trendArrow, trendText } from "./trend";

const THEMES = graphql(`
  query ThemeList($unaddressed: Boolean) {
    themeAreas(first: 20) {
      id
      label
      keywords
      size
      themeCount
      themes(first: 15) {
        ...ThemeFacts
      }
    }
    themes(first: 30, unaddressed: $unaddressed) {
      ...ThemeFacts
    }
  }
`);

export function ThemeList() {
  const [onlyUnaddressed, setOnlyUnaddressed] = useState(false);
  const { data, error, loading } = useQuery(THEMES, { unaddressed: onlyUnaddressed || null });
  const areas = data?.themeAreas ?? [];
  const themes = data?.themes ?? [];
  const inAreas = new Set(areas.flatMap((a) => a.themes.map((t) => t.id)));
  const outside = themes.filter((t) => !inAreas.has(t.id));
  return (
    <>
      <PageTitle>Themes</PageTitle>
      <p class="muted">
        What ideas and reflections keep coming back to, in broad areas, largest first.
      </p>
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
      {data && themes.length === 0 && areas.length === 0 && (
        <Empty>
          {onlyUnaddressed
            ? "Every theme has a live idea addressing it."
            : "No themes yet: they form as ideas come in."}
        </Empty>
      )}
      {data && onlyUnaddressed && themes.length === 0 && areas.length > 0 && (
        <Empty>Every theme has a live idea addressing it.</Empty>
      )}
      {onlyUnaddressed ? (
        <ThemeCards themes={themes} label="Themes" />
      ) : (
        <>
          <ul class="areas" aria-label="Areas">
            {areas.map((a) => (
              <Area key={a.id} area={a} />
            ))}
          </ul>
          {outside.length > 0 && (
            <>
              <h2 class="subhead">Not in an area yet</h2>
              <ThemeCards themes={outside} label="Themes" />
            </>
          )}
        </>
      )}
    </>
  );
}

interface AreaFacts {
  id: string;
  label: string;
  keywords: string[];
  size: number;
  themeCount: number;
  themes: ThemeFactsFragment[];
}

/** One broad area: its label, counts and words; it opens into its themes. */
function Area({ area }: { area: AreaFacts }) {
  const [open, setOpen] = useState(false);
  const unaddressed = area.themes.filter((t) => t.unaddressed).length;
  const panel = `area-${area.id}`;
  return (
    <li class="area">
      <h2>
        <button
          type="button"
          class="area-toggle"
          aria-expanded={open}
          aria-controls={panel}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">{open ? "▾ " : "▸ "}</span>
          {area.label}
        </button>
      </h2>
      <p class="meta">
        <span>{count(area.themeCount, "theme")}</span>
        <span>{count(area.size, "idea")}</span>
        {unaddressed > 0 && <span class="badge warn">{unaddressed} unaddressed</span>}
      </p>
      <p class="tags">
        {area.keywords.map((k) => (
          <span key={k} class="tag">
            {k}
          </span>
        ))}
      </p>
      <div id={panel} hidden={!open}>
        {open && <ThemeCards themes={area.themes} label={`Themes in ${area.label}`} />}
        {open && area.themeCount > area.themes.length && (
          <p class="muted">
            The {area.themes.length} largest of its {area.themeCount} themes.
          </p>
        )}
      </div>
    </li>
  );
}

function ThemeCards({ themes, label }: { themes: ThemeFactsFragment[]; label: string }) {
  return (
    <ul class="cards themes" aria-label={label}>
      {themes.map((t) => (
        <li key={t.id} class={t.unaddressed ? "card theme unaddressed" : "card theme"}>
          <h3>
            <a href={href("themes", t.id)}>{t.label}</a>
          </h3>
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
  );
}
