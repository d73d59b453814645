/** Every opportunity, newest first: search, filter by kind, skill, team and status; pages. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { OpportunityKind, OpportunityStatus } from "../../../generated/graphql";
import { useDebounced, useQuery } from "../../api/useQuery";
import { Empty, ErrorNote, Field, Loading, SelectField, day } from "../../components/ui";
import { href } from "../../router";
import { KIND_LABELS } from "./labels";
import { Pager } from "../../components/pager";

const BROWSE = graphql(`
  query BrowseOpportunities($filter: OpportunityFilter, $first: Int!, $after: String) {
    opportunities(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          title
          kind
          team
          status
          remote
          location
          hoursPerWeek
          closesOn
          spotsLeft
          skills {
            skill {
              id
              name
            }
          }
        }
      }
    }
  }
`);

const PAGE_SIZE = 12;

export function Browse() {
  const [search, setSearch] = useState("");
  const [skill, setSkill] = useState("");
  const [team, setTeam] = useState("");
  const [kind, setKind] = useState("");
  const [status, setStatus] = useState("OPEN");
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const typed = JSON.stringify([search.trim(), skill.trim(), team.trim()]);
  const [q, s, t] = JSON.parse(useDebounced(typed, 300)) as string[];
  const filter = {
    search: q || null,
    skill: s || null,
    team: t || null,
    kind: (kind || null) as OpportunityKind | null,
    status: (status || null) as OpportunityStatus | null,
  };
  const after = cursors[cursors.length - 1];
  const { data, error, loading } = useQuery(BROWSE, { filter, first: PAGE_SIZE, after });
  const page = data?.opportunities;
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setCursors([null]);
    };
  return (
    <section aria-labelledby="browse-h">
      <h2 id="browse-h">All opportunities{page && ` (${page.totalCount})`}</h2>
      <form
        class="filters"
        role="search"
        aria-label="Filter opportunities"
        onSubmit={(e) => e.preventDefault()}
      >
        <Field
          label="Search"
          name="search"
          type="search"
          value={search}
          onInput={reset(setSearch)}
        />
        <Field label="Skill" name="skill" value={skill} onInput={reset(setSkill)} />
        <Field label="Team" name="team" value={team} onInput={reset(setTeam)} />
        <SelectField
          label="Kind"
          name="kind"
          value={kind}
          onChange={reset(setKind)}
          options={[["", "Any kind"], ...Object.entries(KIND_LABELS)]}
        />
        <SelectField
          label="Status"
          name="status"
          value={status}
          onChange={reset(setStatus)}
          options={[
            ["OPEN", "Open"],
            ["CLOSED", "Closed"],
            ["", "Any status"],
          ]}
        />
      </form>
      <ErrorNote message={error} />
      {loading && !data && <Loading what="opportunities" />}
      {page && page.edges.length === 0 && <Empty>No opportunity matches these filters.</Empty>}
      <ul class="cards" aria-label="Opportunities">
        {page?.edges.map(({ node: o }) => (
          <li key={o.id} class="card">
            <h3>
              <a href={href("marketplace", o.id)}>{o.title}</a>
            </h3>
            <p class="meta">
              <span class="badge">{KIND_LABELS[o.kind]}</span>
              {o.status === "CLOSED" && <span class="badge status-declined">Closed</span>}
              {o.team && <span>{o.team}</span>}
              <span>{o.remote ? "Remote" : o.location}</span>
              {o.hoursPerWeek != null && <span>{o.hoursPerWeek} h/week</span>}
              {o.closesOn && <span>closes {day(o.closesOn)}</span>}
              <span>
                {o.spotsLeft} {o.spotsLeft === 1 ? "place" : "places"} left
              </span>
            </p>
            {o.skills.length > 0 && (
              <p class="tags">
                {o.skills.map((s) => (
                  <span key={s.skill.id} class="tag">
                    {s.skill.name}
                  </span>
                ))}
              </p>
            )}
          </li>
        ))}
      </ul>
      {page && (cursors.length > 1 || page.pageInfo.hasNextPage) && (
        <Pager
          label="Pages of opportunities"
          cursors={cursors}
          onChange={setCursors}
          pageInfo={page.pageInfo}
          loading={loading}
        />
      )}
    </section>
  );
}
